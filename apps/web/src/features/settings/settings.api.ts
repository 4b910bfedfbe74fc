import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { ApiKey, CreatedApiKey, Job, Role, User } from "../../api/types.ts";

export const settingsKeys = {
  apiKeys: ["settings", "api-keys"] as const,
  users: ["settings", "users"] as const,
  jobs: ["settings", "jobs"] as const,
};

export function useApiKeys() {
  return useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: ({ signal }) => api.get<{ data: ApiKey[] }>("/api/v1/api-keys", undefined, signal),
    select: (page) => page.data,
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: Exclude<Role, "owner"> }) =>
      api.post<CreatedApiKey>("/api/v1/api-keys", input),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ApiKey>(`/api/v1/api-keys/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: settingsKeys.users,
    queryFn: ({ signal }) => api.get<{ data: User[] }>("/api/v1/users", undefined, signal),
    select: (page) => page.data,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: Role; password?: string }) =>
      api.post<User>("/api/v1/users", input),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; role?: Role; disabled?: boolean; name?: string }) =>
      api.patch<User>(`/api/v1/users/${id}`, patch),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export type JobFilter = Job["status"] | "all";

/** Background jobs waiting, running or failed; polled, so an operator watches the queue drain. */
export function useJobs(status: JobFilter) {
  return useQuery({
    queryKey: [...settingsKeys.jobs, status],
    queryFn: ({ signal }) =>
      api.get<{ data: Job[] }>("/api/v1/jobs", status === "all" ? { limit: 200 } : { status, limit: 200 }, signal),
    select: (page) => page.data,
    refetchInterval: 5_000,
  });
}

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Job>(`/api/v1/jobs/${encodeURIComponent(id)}/retry`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: settingsKeys.jobs }),
  });
}

/** Every kind of ask the server knows (its ask-fatigue limits can be set per kind). */
export const askKinds = ["reference", "referral", "review", "content", "journey", "program", "other"] as const;
export type AskKind = (typeof askKinds)[number];

export interface FatigueSettings {
  maxAsksPerQuarter: number | null;
  perKindPerQuarter: Partial<Record<AskKind, number>>;
  minDaysBetweenAsks: number;
}

const fatigueKey = ["settings", "ask-fatigue"] as const;

export function useFatigueSettings() {
  return useQuery({
    queryKey: fatigueKey,
    queryFn: ({ signal }) => api.get<FatigueSettings>("/api/v1/settings/ask-fatigue", undefined, signal),
  });
}

export function useSetFatigueSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FatigueSettings) => api.put<FatigueSettings>("/api/v1/settings/ask-fatigue", input),
    onSuccess: (saved) => client.setQueryData(fatigueKey, saved),
  });
}
