import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";
import { startGuestSession, useSession } from "@/features/auth/hooks/use-session";
import { getInvitePreview } from "@/features/rooms/api/get-invite-preview";
import { joinRoom } from "@/features/rooms/api/join-room";
import { GuestJoinForm } from "@/features/rooms/components/guest-join-form";
import { roomKeys } from "@/features/rooms/hooks/use-rooms";
import type { InvitePreview } from "@/features/rooms/types";
import { ApiError } from "@/lib/api-client";

function joinError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 410) return "This invite link has expired or been used up. Ask for a new one.";
    if (error.status === 404 || error.status === 422) return "This invite link is not valid. Check that you copied all of it.";
    return error.detail;
  }
  return "Could not reach the server.";
}

function unusableMessage(reason: string | null | undefined): string {
  if (reason === "invite revoked") return "This invite link has been withdrawn. Ask the interviewer for a new one.";
  if (reason === "invite already used") return "This invite link has been used up. Ask the interviewer for a new one.";
  return "This invite link has expired. Ask the interviewer for a new one.";
}

function Page({ children }: { children: React.ReactNode }) {
  return <div className="mx-auto max-w-md px-4 py-12">{children}</div>;
}

function Failure({ message }: { message: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">Could not join the room</h1>
      <Alert>{message}</Alert>
      <Link to="/" className="text-sky-700 underline dark:text-sky-400">
        Go to the start page
      </Link>
    </div>
  );
}

/** An account joins at once (also on coming back from logging in or signing up here). */
function AccountJoin({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; an invite may be single-use
    started.current = true;
    joinRoom(token)
      .then((room) => {
        queryClient.setQueryData(roomKeys.one(room.id), room);
        void queryClient.invalidateQueries({ queryKey: roomKeys.all });
        navigate(`/rooms/${room.id}`, { replace: true });
      })
      .catch((err: unknown) => setError(joinError(err)));
  }, [token, navigate, queryClient]);

  if (error) return <Failure message={error} />;
  return (
    <p className="flex items-center gap-2" role="status">
      <Spinner /> Joining the room…
    </p>
  );
}

function AccountLinks({ token, primary }: { token: string; primary: boolean }) {
  const next = encodeURIComponent(`/join/${token}`);
  const link = primary
    ? "inline-flex flex-1 justify-center rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800"
    : "font-medium text-sky-700 underline dark:text-sky-400";
  return (
    <p className={primary ? "flex flex-wrap gap-2" : "text-center text-sm"}>
      {!primary && "Have an account? "}
      <Link to={`/login?next=${next}`} className={link}>
        Log in
      </Link>
      {primary ? " " : " or "}
      <Link to={`/signup?next=${next}`} className={link}>
        Create an account
      </Link>
    </p>
  );
}

/** Who invited whom to what: the preview, never the room's content. */
function Invitation({ preview }: { preview: InvitePreview }) {
  return (
    <div className="space-y-1">
      <h1 className="text-xl font-semibold break-words">
        Join <span data-testid="invite-room-title">{preview.room_title}</span>
      </h1>
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="invite-summary">
        {preview.invited_by || "Someone"} invited you as <strong>{preview.role}</strong>.
      </p>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        The link works until {new Date(preview.expires_at).toLocaleString()}.
      </p>
    </div>
  );
}

/** Someone without an account session: the invite, then "Join as guest" or the account path. */
function InvitePage({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preview = useQuery({ queryKey: ["invite", token], queryFn: () => getInvitePreview(token), retry: false });

  if (preview.isPending) {
    return (
      <p className="flex items-center gap-2" role="status">
        <Spinner /> Opening the invite…
      </p>
    );
  }
  if (preview.error) return <Failure message={joinError(preview.error)} />;
  const invite = preview.data;
  if (!invite.valid) {
    return (
      <div className="space-y-3">
        <Invitation preview={invite} />
        <Alert>{unusableMessage(invite.reason)}</Alert>
      </div>
    );
  }
  return (
    <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <Invitation preview={invite} />
      {invite.accounts_required ? (
        <div className="space-y-3">
          <p className="text-sm">
            {invite.role === "interviewer" ? "Interviewers join with an account." : "This room requires an account."} Log in or create one to join;
            you will be taken straight to the room.
          </p>
          <AccountLinks token={token} primary />
        </div>
      ) : (
        <>
          <GuestJoinForm
            token={token}
            onJoined={(joined) => {
              startGuestSession(joined);
              queryClient.setQueryData(roomKeys.one(joined.room.id), joined.room);
              navigate(`/rooms/${joined.room.id}`, { replace: true });
            }}
          />
          <AccountLinks token={token} primary={false} />
        </>
      )}
    </div>
  );
}

/** /join/:token — the invite URL the server hands out. */
export function JoinRoute() {
  const { token = "" } = useParams();
  const session = useSession();
  const isAccount = session !== null && session.user.kind !== "guest";
  return <Page>{isAccount ? <AccountJoin token={token} /> : <InvitePage token={token} />}</Page>;
}
