import { api } from "@/lib/api-client";
import type { AuthResponse } from "@/lib/session-store";

export type SignupInput = { email: string; password: string; display_name: string };

export function signup(input: SignupInput): Promise<AuthResponse> {
  return api.post<AuthResponse>("/api/auth/signup", input, { anonymous: true });
}
