import { api, data } from "@/lib/api-client";

export function getResetOptions() {
  return data(api.anonymous.GET("/api/auth/password-reset"));
}

/** Asks for a reset e-mail; the answer is the same whether or not the account exists. */
export function requestReset(email: string) {
  return data(api.anonymous.POST("/api/auth/password-reset", { body: { email } }));
}

export async function confirmReset(token: string, password: string): Promise<void> {
  await data(api.anonymous.POST("/api/auth/password-reset/confirm", { body: { token, password } }));
}
