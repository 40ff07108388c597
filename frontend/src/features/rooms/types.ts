import type { Schemas } from "@/lib/api-client";

/** A room role as the server names it: "owner", "interviewer", "candidate" or "observer". */
export type Role = Schemas["RoomPublic"]["my_role"];
/** The roles an invite or a role change can give. */
export type InvitableRole = Schemas["InviteCreate"]["role"];
export type Member = Schemas["MemberPublic"];
export type Room = Schemas["RoomPublic"];
export type InviteCreated = Schemas["InviteCreated"];
export type InvitePreview = Schemas["InvitePreview"];
export type GuestJoined = Schemas["GuestJoined"];

/** Owner and interviewers run the session: invites, notes, ending it. */
export function isStaff(role: Role | undefined): boolean {
  return role === "owner" || role === "interviewer";
}

export function isEnded(room: Pick<Room, "status" | "ended_at">): boolean {
  return room.status === "ended" || room.ended_at !== null;
}
