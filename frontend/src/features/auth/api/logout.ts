import { api } from "@/lib/api-client";

export function logout(refreshToken: string): Promise<void> {
  return api.post<void>("/api/auth/logout", { refresh_token: refreshToken });
}
