import { describe, expect, it } from "vitest";

import { fieldErrors, loginSchema, signupSchema } from "./validation";

describe("auth form validation", () => {
  it("names every problem of a sign-up form", () => {
    expect(fieldErrors(signupSchema, { display_name: " ", email: "nope", password: "short" })).toEqual({
      display_name: "Enter your name.",
      email: "Enter a valid e-mail address.",
      password: "Use at least 10 characters.",
    });
  });

  it("accepts a good sign-up", () => {
    expect(fieldErrors(signupSchema, { display_name: "Ann", email: "ann@example.com", password: "long enough password" })).toBeNull();
  });

  it("asks for both log-in fields", () => {
    expect(fieldErrors(loginSchema, { email: "", password: "" })).toEqual({
      email: "Enter your e-mail address.",
      password: "Enter your password.",
    });
  });
});
