import { Link } from "react-router";

import { Badge } from "@/components/ui/badge";
import { relativeTime } from "@/lib/format";

import { type Room, isEnded } from "../types";

export function RoomList({ rooms, problemTitle }: { rooms: Room[]; problemTitle: (id: string) => string | undefined }) {
  if (rooms.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No rooms yet. Create one, or join with an invite link.</p>;
  }
  const sorted = [...rooms].sort((a, b) => Date.parse(b.last_activity_at) - Date.parse(a.last_activity_at));
  return (
    <div className="overflow-x-auto">
    <table className="w-full text-left text-sm">
      <caption className="sr-only">My rooms</caption>
      <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">Title</th>
          <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">Problem</th>
          <th scope="col" className="hidden py-2 pr-3 font-medium sm:table-cell">Language</th>
          <th scope="col" className="py-2 pr-3 font-medium">My role</th>
          <th scope="col" className="py-2 pr-3 font-medium">Status</th>
          <th scope="col" className="hidden py-2 font-medium sm:table-cell">Last activity</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {sorted.map((room) => (
          <tr key={room.id}>
            <td className="py-2 pr-3">
              <Link to={`/rooms/${room.id}`} className="break-words font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                {room.title}
              </Link>
            </td>
            <td className="hidden py-2 pr-3 md:table-cell">{room.problem_id ? (problemTitle(room.problem_id) ?? "Problem") : "—"}</td>
            <td className="hidden py-2 pr-3 sm:table-cell">{room.language}</td>
            <td className="py-2 pr-3 capitalize">{room.my_role}</td>
            <td className="py-2 pr-3">
              {isEnded(room) ? <Badge>Ended</Badge> : <Badge tone="green">Active</Badge>}
            </td>
            <td className="hidden py-2 sm:table-cell">
              <time dateTime={room.last_activity_at} title={new Date(room.last_activity_at).toLocaleString()}>
                {relativeTime(room.last_activity_at)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
