import { type Schemas, api, data } from "@/lib/api-client";
import type { AuthResponse } from "@/lib/session-store";

export type LoginInput = Schemas["LoginRequest"];

export function login(input: LoginInput): Promise<AuthResponse> {
  return data(api.anonymous.POST("/api/auth/login", { body: input }));
}
