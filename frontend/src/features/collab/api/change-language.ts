import { api, data } from "@/lib/api-client";

/** Show the room's code in `language`: the server keeps the code of the language shown now
 * and brings back the new language's own code (or its starter). Answers the room. */
export function changeLanguage(roomId: string, language: string) {
  return data(api.paths.POST("/api/rooms/{room_id}/language", { params: { path: { room_id: roomId } }, body: { language } }));
}
