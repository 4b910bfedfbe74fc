import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/api-error.ts";
import { api } from "../../api/client.ts";
import type { Permission, Session } from "../../api/types.ts";
import { rememberSession } from "./session-hint.ts";

export const sessionKey = ["session"] as const;

export interface SignInInput {
  workspace: string;
  email: string;
  password: string;
}

/** Who is signed in: the session, or null when nobody is (a 401 is an answer here, not an error). */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async ({ signal }): Promise<Session | null> => {
    try {
      const session = await api.get<Session>("/api/v1/auth/me", undefined, signal);
      rememberSession(true);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        rememberSession(false);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
});

export const useSession = () => useQuery(sessionQuery);

/** Which sign-in methods a workspace offers (an unknown workspace answers like one without SSO). */
export interface SsoStatus {
  enabled: boolean;
  passwordAllowed: boolean;
}

export function useSsoStatus(workspace: string) {
  return useQuery({
    queryKey: ["sso-status", workspace] as const,
    queryFn: ({ signal }) => api.get<SsoStatus>(`/api/v1/auth/sso/${encodeURIComponent(workspace)}`, undefined, signal),
    enabled: workspace.length > 0,
    staleTime: 60_000,
    retry: false,
  });
}

/** Where "Sign in with SSO" goes: the server redirects on to the workspace's identity provider. */
export const ssoStartUrl = (workspace: string, returnTo: string) =>
  `/api/v1/auth/sso/${encodeURIComponent(workspace)}/start?returnTo=${encodeURIComponent(returnTo)}`;

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api.post<Session>("/api/v1/auth/session", input),
    onSuccess: (session) => {
      rememberSession(true);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      client.setQueryData(sessionKey, session);
    },
  });
}

/** Signs out of this browser, or (everywhere) ends every session of this user in every browser. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (scope: "here" | "everywhere" = "here") =>
      api.delete(scope === "everywhere" ? "/api/v1/auth/sessions" : "/api/v1/auth/session"),
    onSettled: () => {
      rememberSession(false);
      client.clear();
      client.setQueryData(sessionKey, null);
    },
  });
}

/**
 * Whether the signed-in caller may do this, from the permissions /auth/me lists. Only to hide
 * controls a caller cannot use: the server's guard is the authority and answers 403 regardless.
 */
export function useCan(permission: Permission): boolean {
  const { data } = useSession();
  return data?.permissions.includes(permission) ?? false;
}
