import { Navigate, useNavigate, useSearchParams } from "react-router";

import { LoginForm, SignupForm } from "@/features/auth/components/auth-forms";
import { ForgotPasswordForm, ResetPasswordForm } from "@/features/auth/components/password-reset-forms";
import { useSession } from "@/features/auth/hooks/use-session";
import { safeNext } from "@/lib/urls";

function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-full items-start justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-1 text-xl font-semibold">{title}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">Collaborative coding for interviews and pair programming.</p>
        {children}
      </div>
    </div>
  );
}

function useAfterAuth() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  return { next, done: () => navigate(next, { replace: true }) };
}

export function LoginRoute() {
  const session = useSession();
  const { next, done } = useAfterAuth();
  // A guest may still log in or sign up (from an invite page): only an account is "signed in".
  if (session && session.user.kind !== "guest") return <Navigate to={next} replace />;
  return (
    <AuthCard title="Log in">
      <LoginForm onDone={done} next={next} />
    </AuthCard>
  );
}

export function SignupRoute() {
  const session = useSession();
  const { next, done } = useAfterAuth();
  // A guest may still log in or sign up (from an invite page): only an account is "signed in".
  if (session && session.user.kind !== "guest") return <Navigate to={next} replace />;
  return (
    <AuthCard title="Create your account">
      <SignupForm onDone={done} next={next} />
    </AuthCard>
  );
}

export function ForgotPasswordRoute() {
  return (
    <AuthCard title="Forgot your password?">
      <ForgotPasswordForm />
    </AuthCard>
  );
}

export function ResetPasswordRoute() {
  const [params] = useSearchParams();
  return (
    <AuthCard title="Choose a new password">
      <ResetPasswordForm token={params.get("token") ?? ""} />
    </AuthCard>
  );
}
