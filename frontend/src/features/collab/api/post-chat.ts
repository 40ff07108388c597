import { api, data } from "@/lib/api-client";

/**
 * Send a chat message. The server checks membership, rate-limits, logs `chat.message` with the
 * author from the account and appends the message to the state document's `Array "chat"`, which
 * is how every client (this one included) shows it.
 */
export async function postChat(roomId: string, text: string): Promise<void> {
  await data(api.paths.POST("/api/rooms/{room_id}/chat", { params: { path: { room_id: roomId } }, body: { text } }));
}
