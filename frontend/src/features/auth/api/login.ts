import { api } from "@/lib/api-client";
import type { AuthResponse } from "@/lib/session-store";

export type LoginInput = { email: string; password: string };

export function login(input: LoginInput): Promise<AuthResponse> {
  return api.post<AuthResponse>("/api/auth/login", input, { anonymous: true });
}
