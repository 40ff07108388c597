import { api, data } from "@/lib/api-client";

export async function logout(refreshToken: string): Promise<void> {
  await data(api.paths.POST("/api/auth/logout", { body: { refresh_token: refreshToken } }));
}
