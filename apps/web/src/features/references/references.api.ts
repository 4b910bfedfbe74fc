import type {
  Candidate,
  CreateRequestInput,
  coverageOutput,
  ExcludedCandidate,
  filedRequestOutput,
  influenceOutput,
  MatchResult,
  OutcomeInput,
  ReferenceAsk,
  ReferenceProfile,
  ReferenceRequest,
  ReferenceRequestDetail,
  UpdateProfileInput,
  utilisationOutput,
} from "@advo/core/references";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../api/client.ts";

// Reference profiles, requests and reports (/api/v1/reference-*, /api/v1/references/*). Types from core (type-only).
export type {
  Candidate,
  CreateRequestInput,
  ExcludedCandidate,
  MatchResult,
  OutcomeInput,
  ReferenceAsk,
  ReferenceProfile,
  ReferenceRequest,
  ReferenceRequestDetail,
  UpdateProfileInput,
};
export type FiledRequest = z.infer<typeof filedRequestOutput>;
export type Utilisation = z.infer<typeof utilisationOutput>;
export type Coverage = z.infer<typeof coverageOutput>;
export type Influence = z.infer<typeof influenceOutput>;
export type RequestStatus = ReferenceRequest["status"];

const enc = encodeURIComponent;

export const referenceKeys = {
  all: ["references"] as const,
  requests: ["references", "requests"] as const,
  request: (id: string) => ["references", "request", id] as const,
  candidates: (id: string) => ["references", "candidates", id] as const,
  profiles: ["references", "profiles"] as const,
  report: (name: string, days: number) => ["references", "report", name, days] as const,
};

/** Board order: filed (submitted) → approved → asked → accepted → completed; cancelled last. */
export const requestStates: { value: RequestStatus; label: string }[] = [
  { value: "submitted", label: "Filed" },
  { value: "approved", label: "Approved" },
  { value: "asked", label: "Asked" },
  { value: "accepted", label: "Accepted" },
  { value: "completed", label: "Completed" },
  { value: "cancelled", label: "Cancelled" },
];
export const stateLabel = (s: RequestStatus) => requestStates.find((x) => x.value === s)?.label ?? s;
export const stateColor: Record<RequestStatus, string> = {
  submitted: "blue",
  approved: "indigo",
  asked: "yellow",
  accepted: "teal",
  completed: "green",
  cancelled: "gray",
};

export const activityLabels: Record<string, string> = {
  reference_call: "Reference call",
  video_call: "Video call",
  site_visit: "Site visit",
  press: "Press interview",
  analyst_inquiry: "Analyst inquiry",
  case_study: "Case study",
  speaking: "Speaking",
  peer_review: "Peer review",
};
export const activityLabel = (a: string) => activityLabels[a] ?? a;

export function useReferenceRequests(status?: RequestStatus) {
  return useQuery({
    queryKey: [...referenceKeys.requests, status ?? "all"],
    queryFn: ({ signal }) =>
      api.get<{ data: ReferenceRequest[] }>("/api/v1/reference-requests", { status, limit: 200 }, signal),
    select: (page) => page.data,
  });
}

export function useReferenceRequest(id: string) {
  return useQuery({
    queryKey: referenceKeys.request(id),
    queryFn: ({ signal }) =>
      api.get<ReferenceRequestDetail>(`/api/v1/reference-requests/${enc(id)}`, undefined, signal),
  });
}

export function useRequestCandidates(id: string, enabled = true) {
  return useQuery({
    queryKey: referenceKeys.candidates(id),
    queryFn: ({ signal }) =>
      api.get<MatchResult>(`/api/v1/reference-requests/${enc(id)}/candidates`, { limit: 10 }, signal),
    enabled,
  });
}

export function useFileRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRequestInput) => api.post<FiledRequest>("/api/v1/reference-requests", input),
    onSuccess: (filed) => {
      client.setQueryData(referenceKeys.candidates(filed.id), filed.match);
      return client.invalidateQueries({ queryKey: referenceKeys.requests });
    },
  });
}

function useRequestAction<I>(id: string, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.post<ReferenceRequestDetail>(`/api/v1/reference-requests/${enc(id)}/${path}`, input),
    onSuccess: (detail) => {
      client.setQueryData(referenceKeys.request(id), detail);
      return Promise.all([
        client.invalidateQueries({ queryKey: referenceKeys.requests }),
        client.invalidateQueries({ queryKey: referenceKeys.candidates(id) }),
      ]);
    },
  });
}

export const useApproveRequest = (id: string) => useRequestAction<{ contactId?: string }>(id, "approve");
export const useAskCandidate = (id: string) => useRequestAction<{ contactId?: string }>(id, "ask");
export const useRecordOutcome = (id: string) => useRequestAction<OutcomeInput>(id, "outcome");
export const useCancelRequest = (id: string) => useRequestAction<{ reason?: string }>(id, "cancel");

export function useRelayAnswer(requestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ askId, ...body }: { askId: string; decision: "accept" | "decline"; reason?: string }) =>
      api.post(`/api/v1/reference-asks/${enc(askId)}/respond`, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: referenceKeys.request(requestId) }),
        client.invalidateQueries({ queryKey: referenceKeys.requests }),
        client.invalidateQueries({ queryKey: referenceKeys.candidates(requestId) }),
      ]),
  });
}

export function useReferenceProfiles() {
  return useQuery({
    queryKey: referenceKeys.profiles,
    queryFn: ({ signal }) =>
      api.get<{ data: ReferenceProfile[] }>("/api/v1/reference-profiles", { limit: 500 }, signal),
    select: (page) => page.data,
  });
}

export function useUpdateProfile(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateProfileInput) =>
      api.patch<ReferenceProfile>(`/api/v1/reference-profiles/${enc(id)}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: referenceKeys.profiles }),
  });
}

export function useReferenceReport<T>(name: "utilisation" | "coverage" | "influence", days: number) {
  return useQuery({
    queryKey: referenceKeys.report(name, days),
    queryFn: ({ signal }) => api.get<T>(`/api/v1/references/reports/${name}`, { days }, signal),
  });
}

/** "due in 5 h", "overdue by 2 d", "done" — an SLA step in words. */
export function slaText(step: { dueAt: string | null; doneAt: string | null; breached: boolean }): string | null {
  if (step.doneAt) return step.breached ? "done late" : "done";
  if (!step.dueAt) return null;
  const ms = Date.parse(step.dueAt) - Date.now();
  const abs = Math.abs(ms);
  const span =
    abs >= 86_400_000 ? `${Math.round(abs / 86_400_000)} d` : `${Math.max(1, Math.round(abs / 3_600_000))} h`;
  return ms < 0 || step.breached ? `overdue by ${span}` : `due in ${span}`;
}

/** The SLA that matters for a request in its current state. */
export function currentSla(r: ReferenceRequest) {
  if (r.status === "submitted") return { label: "Approval", step: r.sla.approval };
  if (r.status === "approved" || r.status === "asked") return { label: "Response", step: r.sla.response };
  if (r.status === "accepted") return { label: "Needed by", step: r.sla.neededBy };
  return null;
}
