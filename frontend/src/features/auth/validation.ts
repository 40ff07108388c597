/** Client-side checks mirroring the server's rules, so most mistakes are caught before sending. */

import { z } from "zod";

export const signupSchema = z.object({
  display_name: z.string().trim().min(1, "Enter your name.").max(100, "At most 100 characters."),
  email: z.string().trim().min(1, "Enter your e-mail address.").email("Enter a valid e-mail address."),
  password: z
    .string()
    .min(10, "Use at least 10 characters.")
    .refine((value) => value.trim() !== "", "A password cannot be only spaces.")
    .max(256, "At most 256 characters."),
});

export const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address."),
  password: z.string().min(1, "Enter your password."),
});

export type FieldErrors<T> = Partial<Record<keyof T, string>>;

/** The first message per field, or null when the values are valid. */
export function fieldErrors<T extends Record<string, unknown>>(
  schema: z.ZodType<T>,
  values: unknown,
): FieldErrors<T> | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  const errors: FieldErrors<T> = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof T | undefined;
    if (key !== undefined && errors[key] === undefined) errors[key] = issue.message;
  }
  return errors;
}
