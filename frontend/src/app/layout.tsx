import { Link, Navigate, Outlet, useLocation, useNavigate } from "react-router";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { endSession, useSession } from "@/features/auth/hooks/use-session";
import { guestRoomId } from "@/lib/session-store";
import { useTheme } from "@/lib/theme";

export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <Button variant="ghost" size="sm" onClick={() => setTheme(next)} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
      <span className="hidden sm:inline">{theme === "dark" ? "Light" : "Dark"}</span>
    </Button>
  );
}

export function AppShell() {
  const session = useSession();
  const navigate = useNavigate();
  return (
    <div className="flex h-full flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-1 focus:text-slate-900">
        Skip to content
      </a>
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 px-4 dark:border-slate-800">
        <Link to="/" className="flex items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" className="h-6 w-6" />
          CodeCollab
        </Link>
        <nav aria-label="Main" className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          {session && (
            <>
              {(session.user.role === "staff" || session.user.role === "admin") && (
                <Link to="/scorecard-templates" className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                  Rubrics
                </Link>
              )}
              {guestRoomId(session) === null && (
                <Link to="/api-keys" className="text-sm text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                  API keys
                </Link>
              )}
                            <span className="max-w-[10rem] truncate text-sm text-slate-600 dark:text-slate-300" data-testid="current-user">
                {session.user.display_name}
              </span>
              {guestRoomId(session) !== null && <Badge data-testid="guest-badge">Guest</Badge>}
              <Button
                variant="secondary"
                size="sm"
                onClick={() => {
                  void endSession().then(() => navigate("/login"));
                }}
              >
                {guestRoomId(session) !== null ? "Leave" : "Log out"}
              </Button>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="min-h-0 flex-1">
        <Outlet />
      </main>
    </div>
  );
}

/** Whether `pathname` is a page of room `roomId` (the room itself, its replay, …). */
export function isRoomPath(pathname: string, roomId: string): boolean {
  const base = `/rooms/${roomId}`;
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** Routes below need a session; without one, log in and come back. A guest has one room and
 * no dashboard: anywhere else takes them back to their room. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  const guestRoom = guestRoomId(session);
  if (guestRoom !== null && !isRoomPath(location.pathname, guestRoom)) {
    return <Navigate to={`/rooms/${guestRoom}`} replace />;
  }
  return <Outlet />;
}
