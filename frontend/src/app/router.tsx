import { type ComponentType, Suspense, lazy } from "react";
import { createBrowserRouter } from "react-router";

import { Spinner } from "@/components/ui/button";

import { AppShell, RequireAuth } from "./layout";
import { ForgotPasswordRoute, LoginRoute, ResetPasswordRoute, SignupRoute } from "./routes/auth";
import { DashboardRoute } from "./routes/dashboard";
import { JoinRoute } from "./routes/join";
import { NotFoundRoute } from "./routes/not-found";
import { EditProblemRoute, NewProblemRoute } from "./routes/problem-editor";

// The pages with an editor load Monaco (several MB): only when first visited.
function lazyRoute(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return (
    <Suspense
      fallback={
        <p className="flex items-center gap-2 p-6" role="status">
          <Spinner /> Loading…
        </p>
      }
    >
      <Page />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: "/login", element: <LoginRoute /> },
      { path: "/signup", element: <SignupRoute /> },
      // Public: the invite page offers joining as a guest, or with an account.
      { path: "/join/:token", element: <JoinRoute /> },
      { path: "/forgot-password", element: <ForgotPasswordRoute /> },
      { path: "/reset-password", element: <ResetPasswordRoute /> },
      {
        element: <RequireAuth />,
        children: [
          { path: "/", element: <DashboardRoute /> },
          { path: "/problems/new", element: <NewProblemRoute /> },
          { path: "/problems/:problemId/edit", element: <EditProblemRoute /> },
          { path: "/rooms/:roomId", element: lazyRoute(() => import("./routes/room").then((m) => ({ default: m.RoomRoute }))) },
          { path: "/rooms/:roomId/replay", element: lazyRoute(() => import("./routes/replay").then((m) => ({ default: m.ReplayRoute }))) },
          { path: "/rooms/:roomId/summary", element: lazyRoute(() => import("./routes/summary").then((m) => ({ default: m.SummaryRoute }))) },
          { path: "/scorecard-templates", element: lazyRoute(() => import("./routes/scorecard-templates").then((m) => ({ default: m.ScorecardTemplatesRoute }))) },
          { path: "/api-keys", element: lazyRoute(() => import("./routes/api-keys").then((m) => ({ default: m.ApiKeysRoute }))) },
          { path: "/rooms/:roomId/analytics", element: lazyRoute(() => import("./routes/analytics").then((m) => ({ default: m.AnalyticsRoute }))) },
        ],
      },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
]);
