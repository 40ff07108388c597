import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { RouterProvider } from "react-router";

import { api, startSilentRefresh } from "@/lib/api-client";
import { sessionStore } from "@/lib/session-store";

import { router } from "./router";

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 5_000 } },
});

export function App() {
  useEffect(() => {
    const stop = startSilentRefresh(api, sessionStore);
    // Another tab logged in, refreshed or logged out.
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === "codecollab.session") sessionStore.reload();
    };
    window.addEventListener("storage", onStorage);
    const off = sessionStore.subscribe((session) => {
      if (session === null) queryClient.clear();
    });
    return () => {
      stop();
      off();
      window.removeEventListener("storage", onStorage);
    };
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
