import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

import { confirmReset, getResetOptions, requestReset } from "../api/password-reset";

const LINK = "font-medium text-sky-700 underline dark:text-sky-400";
const MIN_PASSWORD = 10;

function message(error: unknown): string {
  return error instanceof ApiError ? error.detail : "Could not reach the server. Check your connection and try again.";
}

function BackToLogin() {
  return (
    <p className="text-center text-sm">
      <Link to="/login" className={LINK}>
        Back to log in
      </Link>
    </p>
  );
}

/** "Forgot password?": an e-mailed link when the server sends e-mail, else ask an admin. */
export function ForgotPasswordForm() {
  const options = useQuery({ queryKey: ["password-reset-options"], queryFn: getResetOptions });
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (options.isLoading) return <p role="status">Loading…</p>;
  if (!options.data?.by_email) {
    return (
      <div className="space-y-4">
        <Alert tone="info">This server does not send e-mail. Ask an administrator for a password reset link.</Alert>
        <BackToLogin />
      </div>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setError("Enter the e-mail address of your account.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSent((await requestReset(email.trim())).detail);
    } catch (caught) {
      setError(message(caught));
    } finally {
      setBusy(false);
    }
  };
  if (sent) {
    return (
      <div className="space-y-4">
        <Alert tone="info">If an account has this e-mail address, a reset link is on its way to it. The link works once, for an hour.</Alert>
        <BackToLogin />
      </div>
    );
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Reset password">
      {error && <Alert>{error}</Alert>}
      <TextField label="E-mail" type="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
      <Button type="submit" busy={busy} className="w-full">
        E-mail me a reset link
      </Button>
      <BackToLogin />
    </form>
  );
}

/** The page a reset link opens: choose a new password. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!token) return <Alert>This link has no reset token. Ask for a new link.</Alert>;
  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="info">Your password has been changed, and every session of your account signed out.</Alert>
        <p className="text-center text-sm">
          <Link to="/login" className={LINK}>
            Log in with your new password
          </Link>
        </p>
      </div>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = password.length < MIN_PASSWORD ? `Use at least ${MIN_PASSWORD} characters.` : password !== again ? "The two passwords differ." : undefined;
    setFieldError(problem);
    setError(null);
    if (problem) return;
    setBusy(true);
    try {
      await confirmReset(token, password);
      setDone(true);
    } catch (caught) {
      setError(message(caught).replace(/^password: /, ""));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Set a new password">
      {error && <Alert>{error}</Alert>}
      <TextField label="New password" type="password" autoComplete="new-password" autoFocus hint={`At least ${MIN_PASSWORD} characters.`} value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError} />
      <TextField label="New password (again)" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      <Button type="submit" busy={busy} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
