import { createBrowserRouter } from "react-router";

import { AppShell, RequireAuth } from "./layout";
import { AnalyticsRoute } from "./routes/analytics";
import { LoginRoute, SignupRoute } from "./routes/auth";
import { DashboardRoute } from "./routes/dashboard";
import { JoinRoute } from "./routes/join";
import { NotFoundRoute } from "./routes/not-found";
import { ReplayRoute } from "./routes/replay";
import { RoomRoute } from "./routes/room";

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { path: "/login", element: <LoginRoute /> },
      { path: "/signup", element: <SignupRoute /> },
      {
        element: <RequireAuth />,
        children: [
          { path: "/", element: <DashboardRoute /> },
          { path: "/join/:token", element: <JoinRoute /> },
          { path: "/rooms/:roomId", element: <RoomRoute /> },
          { path: "/rooms/:roomId/replay", element: <ReplayRoute /> },
          { path: "/rooms/:roomId/analytics", element: <AnalyticsRoute /> },
        ],
      },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
]);
