import { api, data } from "@/lib/api-client";
import type { User } from "@/lib/session-store";

export function getMe(): Promise<User> {
  return data(api.paths.GET("/api/auth/me"));
}
