import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { Navigate, useLocation } from "react-router";
import { setUnauthorizedHandler } from "../../api/client.ts";
import { ErrorState, PageLoader } from "../../ui/states.tsx";
import { sessionKey, useSession } from "./auth.api.ts";

/** Renders its children for a signed-in user; otherwise sends them to sign in and back here after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const client = useQueryClient();

  useEffect(() => {
    // A 401 anywhere means the session ended (expired, signed out in another tab): ask again.
    setUnauthorizedHandler(() => client.setQueryData(sessionKey, null));
    return () => setUnauthorizedHandler(null);
  }, [client]);

  if (session.isPending) return <PageLoader label="Loading your workspace" />;
  if (session.isError) {
    return (
      <div style={{ padding: 24, maxWidth: 560, margin: "10vh auto" }}>
        <ErrorState error={session.error} onRetry={() => session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    const to = next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return children;
}
