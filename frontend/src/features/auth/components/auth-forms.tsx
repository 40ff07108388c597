import { type FormEvent, useState } from "react";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

import { login } from "../api/login";
import { signup } from "../api/signup";
import { startSession } from "../hooks/use-session";
import { type FieldErrors, fieldErrors, loginSchema, signupSchema } from "../validation";

function serverMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Wrong e-mail address or password.";
    if (error.status === 409) return "An account with this e-mail address already exists. Log in instead.";
    return error.detail;
  }
  return "Could not reach the server. Check your connection and try again.";
}

type Values = Record<string, string>;

function useAuthForm<T extends Values>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors<T>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bind = (name: keyof T & string) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value }),
  });
  return { values, errors, setErrors, serverError, setServerError, busy, setBusy, bind };
}

/** `?next=` carried between the log-in and sign-up pages, so an invite is never lost. */
function withNext(path: string, next: string | undefined): string {
  return next && next !== "/" ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function LoginForm({ onDone, next }: { onDone: () => void; next?: string }) {
  const form = useAuthForm({ email: "", password: "" });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = fieldErrors(loginSchema, form.values);
    form.setErrors(errors ?? {});
    form.setServerError(null);
    if (errors) return;
    form.setBusy(true);
    try {
      startSession(await login({ email: form.values.email.trim(), password: form.values.password }));
      onDone();
    } catch (error) {
      form.setServerError(serverMessage(error));
    } finally {
      form.setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Log in">
      {form.serverError && <Alert>{form.serverError}</Alert>}
      <TextField label="E-mail" type="email" autoComplete="email" autoFocus {...form.bind("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" {...form.bind("password")} />
      <Button type="submit" busy={form.busy} className="w-full">
        Log in
      </Button>
      <p className="text-center text-sm">
        <Link to="/forgot-password" className="font-medium text-sky-700 underline dark:text-sky-400">
          Forgot password?
        </Link>
      </p>
      <p className="text-center text-sm">
        New here?{" "}
        <Link to={withNext("/signup", next)} className="font-medium text-sky-700 underline dark:text-sky-400">
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignupForm({ onDone, next }: { onDone: () => void; next?: string }) {
  const form = useAuthForm({ display_name: "", email: "", password: "" });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = fieldErrors(signupSchema, form.values);
    form.setErrors(errors ?? {});
    form.setServerError(null);
    if (errors) return;
    form.setBusy(true);
    try {
      const { display_name, email, password } = form.values;
      startSession(await signup({ display_name: display_name.trim(), email: email.trim(), password }));
      onDone();
    } catch (error) {
      form.setServerError(serverMessage(error));
    } finally {
      form.setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Sign up">
      {form.serverError && <Alert>{form.serverError}</Alert>}
      <TextField label="Name" autoComplete="name" autoFocus {...form.bind("display_name")} />
      <TextField label="E-mail" type="email" autoComplete="email" {...form.bind("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        {...form.bind("password")}
      />
      <Button type="submit" busy={form.busy} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm">
        Already have an account?{" "}
        <Link to={withNext("/login", next)} className="font-medium text-sky-700 underline dark:text-sky-400">
          Log in
        </Link>
      </p>
    </form>
  );
}
