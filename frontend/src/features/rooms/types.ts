export type Role = "owner" | "interviewer" | "candidate" | "observer";
export type InvitableRole = Exclude<Role, "owner">;

export type Member = {
  user_id: string;
  display_name: string;
  role: Role;
  color_index: number;
  joined_at: string;
};

export type Room = {
  id: string;
  title: string;
  language: string;
  problem_id: string | null;
  status: string;
  owner_id: string;
  my_role: Role;
  can_write: boolean;
  created_at: string;
  ended_at: string | null;
  last_activity_at: string;
  members?: Member[] | null;
};

export type InviteCreated = {
  id: string;
  role: InvitableRole;
  token: string;
  url: string;
  expires_at: string;
};

/** Owner and interviewers run the session: invites, notes, ending it. */
export function isStaff(role: Role | undefined): boolean {
  return role === "owner" || role === "interviewer";
}

export function isEnded(room: Pick<Room, "status" | "ended_at">): boolean {
  return room.status === "ended" || room.ended_at !== null;
}
