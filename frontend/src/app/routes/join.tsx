import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/button";
import { joinRoom } from "@/features/rooms/api/join-room";
import { roomKeys } from "@/features/rooms/hooks/use-rooms";
import { ApiError } from "@/lib/api-client";

function joinError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 410) return "This invite link has expired or been used up. Ask for a new one.";
    if (error.status === 404 || error.status === 422) return "This invite link is not valid. Check that you copied all of it.";
    return error.detail;
  }
  return "Could not reach the server.";
}

/** /join/:token — the invite URL the server hands out: join, then go to the room. */
export function JoinRoute() {
  const { token = "" } = useParams();
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

  return (
    <div className="mx-auto max-w-md px-4 py-16">
      {error ? (
        <div className="space-y-3">
          <h1 className="text-xl font-semibold">Could not join the room</h1>
          <Alert>{error}</Alert>
          <Link to="/" className="text-sky-700 underline dark:text-sky-400">
            Back to your rooms
          </Link>
        </div>
      ) : (
        <p className="flex items-center gap-2" role="status">
          <Spinner /> Joining the room…
        </p>
      )}
    </div>
  );
}
