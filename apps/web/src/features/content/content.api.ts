import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type {
  ApprovalView,
  Content,
  ContentDetail,
  ContentSummary,
  ContentUse,
  ContentUseInput,
  CreateContentInput,
} from "../../api/types.ts";

export const contentKeys = {
  all: ["content"] as const,
  list: (filters: ContentFilters) => ["content", "list", filters] as const,
  one: (id: string) => ["content", "one", id] as const,
};

export interface ContentFilters {
  contactId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  usableFor?: string | undefined;
  q?: string | undefined;
}

const enc = encodeURIComponent;

export function useContentList(filters: ContentFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: contentKeys.list(filters),
    queryFn: ({ signal }) => api.get<{ data: Content[] }>("/api/v1/content", { ...filters, limit: 200 }, signal),
    select: (page) => page.data,
  });
}

export function useContent(id: string) {
  return useQuery({
    queryKey: contentKeys.one(id),
    queryFn: ({ signal }) => api.get<ContentDetail>(`/api/v1/content/${enc(id)}`, undefined, signal),
  });
}

export function useSaveContent(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateContentInput) =>
      id
        ? api.patch<ContentDetail>(`/api/v1/content/${enc(id)}`, input)
        : api.post<ContentDetail>("/api/v1/content", input),
    onSuccess: (saved) => {
      client.setQueryData(contentKeys.one(saved.id), saved);
      return client.invalidateQueries({ queryKey: contentKeys.all });
    },
  });
}

export type ContentCommand = "request-approval" | "publish" | "retire";

export function useContentCommand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ command, reason }: { command: ContentCommand; reason?: string }) =>
      api.post<ContentDetail>(`/api/v1/content/${enc(id)}/${command}`, command === "retire" ? { reason } : undefined),
    onSuccess: (saved) => {
      client.setQueryData(contentKeys.one(saved.id), saved);
      return client.invalidateQueries({ queryKey: contentKeys.all });
    },
  });
}

/** The advocate's side, behind their link (no sign-in). */
export function useApprovalView(token: string) {
  return useQuery({
    enabled: token !== "",
    retry: false,
    queryKey: ["content-approval", token],
    queryFn: ({ signal }) => api.get<ApprovalView>("/api/v1/content-approval", { token }, signal),
  });
}

export function useDecideApproval() {
  return useMutation({
    mutationFn: (body: { token: string; decision: "approve" | "request_changes"; comment?: string }) =>
      api.post<{ status: "approved" | "changes_requested" }>("/api/v1/content-approval", body),
  });
}

/** A draft from an approved challenge submission (the advocate's words, name and any disclosure). */
export function useDraftFromSubmission() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (submissionId: string) => api.post<ContentDetail>("/api/v1/content/from-submission", { submissionId }),
    onSuccess: () => client.invalidateQueries({ queryKey: contentKeys.all }),
  });
}

export function useContentSummary() {
  return useQuery({
    queryKey: ["content", "summary"] as const,
    queryFn: ({ signal }) => api.get<ContentSummary>("/api/v1/content/summary", undefined, signal),
  });
}

export function useContentUses(id: string) {
  return useQuery({
    queryKey: ["content", "uses", id] as const,
    queryFn: ({ signal }) => api.get<{ data: ContentUse[] }>(`/api/v1/content/${enc(id)}/uses`, undefined, signal),
    select: (page) => page.data,
  });
}

/** Records a use in a deal, or how that deal ended; the content's history and the impact report follow. */
export function useSaveContentUse(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      change:
        | { record: ContentUseInput }
        | { useId: string; outcome: { dealStatus?: "open" | "won" | "lost"; wonAmount?: number | null } },
    ) =>
      "record" in change
        ? api.post<ContentUse>(`/api/v1/content/${enc(id)}/uses`, change.record)
        : api.patch<ContentUse>(`/api/v1/content/${enc(id)}/uses/${enc(change.useId)}`, change.outcome),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: contentKeys.all }),
        client.invalidateQueries({ queryKey: ["analytics", "impact"] }),
      ]),
  });
}
