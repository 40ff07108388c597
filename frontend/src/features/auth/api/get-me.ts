import { api } from "@/lib/api-client";
import type { User } from "@/lib/session-store";

export function getMe(): Promise<User> {
  return api.get<User>("/api/auth/me");
}
