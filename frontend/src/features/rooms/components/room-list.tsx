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
    <table className="w-full text-left text-sm">
      <caption className="sr-only">My rooms</caption>
      <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">Title</th>
          <th scope="col" className="py-2 pr-3 font-medium">Problem</th>
          <th scope="col" className="py-2 pr-3 font-medium">Language</th>
          <th scope="col" className="py-2 pr-3 font-medium">My role</th>
          <th scope="col" className="py-2 pr-3 font-medium">Status</th>
          <th scope="col" className="py-2 font-medium">Last activity</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
        {sorted.map((room) => (
          <tr key={room.id}>
            <td className="py-2 pr-3">
              <Link to={`/rooms/${room.id}`} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                {room.title}
              </Link>
            </td>
            <td className="py-2 pr-3">{room.problem_id ? (problemTitle(room.problem_id) ?? "Problem") : "—"}</td>
            <td className="py-2 pr-3">{room.language}</td>
            <td className="py-2 pr-3 capitalize">{room.my_role}</td>
            <td className="py-2 pr-3">
              {isEnded(room) ? <Badge>Ended</Badge> : <Badge tone="green">Active</Badge>}
            </td>
            <td className="py-2">
              <time dateTime={room.last_activity_at} title={new Date(room.last_activity_at).toLocaleString()}>
                {relativeTime(room.last_activity_at)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
