import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type {
  ContactSignals,
  CreatedSource,
  CreateSourceInput,
  Merge,
  Page,
  Source,
  TimelineEvent,
} from "../../api/types.ts";

export const signalKeys = {
  timeline: (contactId: string) => ["signals", "timeline", contactId] as const,
  typed: (contactId: string) => ["signals", "typed", contactId] as const,
  merges: (contactId: string) => ["signals", "merges", contactId] as const,
  sources: ["settings", "sources"] as const,
};

const contactPath = (id: string, rest: string) => `/api/v1/contacts/${encodeURIComponent(id)}/${rest}`;

export const TIMELINE_PAGE = 25;

/** Every event of a contact, newest first, a page at a time. */
export function useTimeline(contactId: string) {
  return useInfiniteQuery({
    queryKey: signalKeys.timeline(contactId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TimelineEvent>>(
        contactPath(contactId, "timeline"),
        { cursor: pageParam, limit: TIMELINE_PAGE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContactSignals(contactId: string) {
  return useQuery({
    queryKey: signalKeys.typed(contactId),
    queryFn: ({ signal }) => api.get<ContactSignals>(contactPath(contactId, "signals"), undefined, signal),
  });
}

export function useMerges(contactId: string) {
  return useQuery({
    queryKey: signalKeys.merges(contactId),
    queryFn: ({ signal }) => api.get<{ data: Merge[] }>(contactPath(contactId, "merges"), undefined, signal),
    select: (page) => page.data,
  });
}

export interface UnmergeResult {
  mergeId: string;
  survivorId: string;
  restoredId: string;
}

/** Undoes a merge: the merged contact comes back with the identities and events it brought. */
export function useUnmerge(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mergeId: string) => api.post<UnmergeResult>(contactPath(contactId, "unmerge"), { mergeId }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["signals"] }),
        client.invalidateQueries({ queryKey: ["contacts"] }),
        client.invalidateQueries({ queryKey: ["scores"] }),
      ]),
  });
}

export function useSources() {
  return useQuery({
    queryKey: signalKeys.sources,
    queryFn: ({ signal }) => api.get<{ data: Source[] }>("/api/v1/sources", undefined, signal),
    select: (page) => page.data,
  });
}

export function useCreateSource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSourceInput) => api.post<CreatedSource>("/api/v1/sources", input),
    onSuccess: () => client.invalidateQueries({ queryKey: signalKeys.sources }),
  });
}

/** Disables a source: its write key stops working at once. */
export function useDisableSource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Source>(`/api/v1/sources/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: signalKeys.sources }),
  });
}
