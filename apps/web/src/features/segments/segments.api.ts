import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { Advocate, CreateSegmentInput, Segment, SegmentChange } from "../../api/types.ts";

export const segmentKeys = {
  all: ["segments"] as const,
  list: ["segments", "list"] as const,
  preview: (expression: string) => ["segments", "preview", expression] as const,
  changes: (id: string) => ["segments", "changes", id] as const,
};

const segmentPath = (id: string) => `/api/v1/segments/${encodeURIComponent(id)}`;

export interface SegmentPreview {
  count: number;
  advocates: Advocate[];
}

export function useSegments() {
  return useQuery({
    queryKey: segmentKeys.list,
    queryFn: ({ signal }) => api.get<{ data: Segment[] }>("/api/v1/segments", undefined, signal),
    select: (page) => page.data,
  });
}

/**
 * How many contacts an expression matches, asked as it is typed (the caller debounces). A syntax
 * error is the query's error: a 400 whose message names the position.
 */
export function useSegmentPreview(expression: string) {
  return useQuery({
    queryKey: segmentKeys.preview(expression),
    queryFn: ({ signal }) => api.post<SegmentPreview>("/api/v1/segments/preview", { expression, limit: 1 }, signal),
    enabled: expression.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useSegmentMutation<Input>(run: (input: Input) => Promise<Segment>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: segmentKeys.all }),
  });
}

export const useCreateSegment = () =>
  useSegmentMutation((input: CreateSegmentInput) => api.post<Segment>("/api/v1/segments", input));

export const useUpdateSegment = () =>
  useSegmentMutation(({ id, ...patch }: Partial<CreateSegmentInput> & { id: string }) =>
    api.patch<Segment>(segmentPath(id), patch),
  );

export const useRefreshSegment = () =>
  useSegmentMutation((id: string) => api.post<Segment>(`${segmentPath(id)}/refresh`));

export function useDeleteSegment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(segmentPath(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: segmentKeys.all }),
  });
}

/** Who joined or left a saved segment, newest first (the server keeps the latest 100). */
export function useSegmentChanges(id: string | null) {
  return useQuery({
    queryKey: segmentKeys.changes(id ?? ""),
    queryFn: ({ signal }) => api.get<{ data: SegmentChange[] }>(`${segmentPath(id ?? "")}/changes`, undefined, signal),
    select: (page) => page.data,
    enabled: Boolean(id),
  });
}
