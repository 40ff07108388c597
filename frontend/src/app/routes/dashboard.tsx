import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Panel } from "@/components/ui/panel";
import { useSession } from "@/features/auth/hooks/use-session";
import { mayAuthorProblems } from "@/features/authoring/roles";
import { useLanguages } from "@/features/execution/hooks/use-languages";
import { ProblemPicker } from "@/features/problems/components/problem-picker";
import { useProblems } from "@/features/problems/hooks/use-problems";
import { CreateRoomForm } from "@/features/rooms/components/create-room-form";
import { JoinByLinkForm } from "@/features/rooms/components/join-by-link-form";
import { RoomList } from "@/features/rooms/components/room-list";
import { roomKeys, useRooms } from "@/features/rooms/hooks/use-rooms";

const LINK = "font-medium text-sky-700 underline dark:text-sky-400";

/** Staff and admins: write a problem, or edit one of the bank's. */
function ProblemAuthoringPanel({ problems }: { problems: { id: string; title: string }[] }) {
  return (
    <Panel title="Problems">
      <p className="text-sm">
        <Link to="/problems/new" className={LINK}>
          Write a new problem
        </Link>
      </p>
      {problems.length > 0 && (
        <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto text-sm" aria-label="Edit a problem">
          {problems.map((problem) => (
            <li key={problem.id}>
              <Link to={`/problems/${problem.id}/edit`} className="text-sky-700 underline dark:text-sky-400">
                Edit {problem.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function DashboardRoute() {
  const rooms = useRooms();
  const languages = useLanguages();
  const problems = useProblems();
  const [problemId, setProblemId] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const titles = new Map(problems.problems.map((p) => [p.id, p.title]));

  return (
    <div className="mx-auto grid max-w-6xl gap-4 px-4 py-6 lg:grid-cols-[1fr_22rem]">
      <h1 className="sr-only">Dashboard</h1>
      <Panel title="My rooms" className="order-2 min-w-0 lg:order-1">
        {rooms.isLoading && <p className="text-sm">Loading…</p>}
        {rooms.error && <Alert>Could not load your rooms: {rooms.error.message}</Alert>}
        {rooms.data && <RoomList rooms={rooms.data} problemTitle={(id) => titles.get(id)} />}
      </Panel>
      <div className="order-1 min-w-0 space-y-4 lg:order-2">
        <Panel title="New room">
          {!languages.loading && (
            <CreateRoomForm
              languages={languages.options}
              problemId={problemId}
              problemLanguages={problems.problems.find((p) => p.id === problemId)?.starter_languages}
              problemPicker={problems.available && problems.problems.length > 0 ? <ProblemPicker problems={problems.problems} value={problemId} onChange={setProblemId} /> : undefined}
              onCreated={(room) => {
                queryClient.setQueryData(roomKeys.one(room.id), room);
                void queryClient.invalidateQueries({ queryKey: roomKeys.all });
                navigate(`/rooms/${room.id}`);
              }}
            />
          )}
        </Panel>
        <Panel title="Join a room">
          <JoinByLinkForm onToken={(token) => navigate(`/join/${encodeURIComponent(token)}`)} />
        </Panel>
        {mayAuthorProblems(session?.user.role) && <ProblemAuthoringPanel problems={problems.problems} />}
      </div>
    </div>
  );
}
