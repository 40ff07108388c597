import { type Schemas, api, data } from "@/lib/api-client";
import type { AuthResponse } from "@/lib/session-store";

export type SignupInput = Schemas["SignupRequest"];

export function signup(input: SignupInput): Promise<AuthResponse> {
  return data(api.anonymous.POST("/api/auth/signup", { body: input }));
}
