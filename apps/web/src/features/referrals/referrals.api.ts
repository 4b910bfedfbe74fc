import type {
  Conversion,
  Lead,
  ReferralCode,
  ReferralMetrics,
  ReferralSettings,
  ReferralSettingsInput,
  ReviewItem,
  reviewDecisionOutput,
} from "@advo/core/referrals";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../api/client.ts";

// The referrals console talks to /api/v1/referrals/*. Types come from core's schemas (type-only).
export type { Conversion, Lead, ReferralCode, ReferralMetrics, ReferralSettings, ReferralSettingsInput, ReviewItem };
export type ProgramMetrics = ReferralMetrics["programs"][number];
export type ReviewDecision = z.infer<typeof reviewDecisionOutput>;
export type CodeStatus = ReferralCode["status"];

const enc = encodeURIComponent;

export const referralKeys = {
  all: ["referrals"] as const,
  metrics: (programId?: string) => ["referrals", "metrics", programId ?? "all"] as const,
  codes: (programId?: string, status?: CodeStatus) =>
    ["referrals", "codes", programId ?? "all", status ?? "all"] as const,
  leads: (programId?: string) => ["referrals", "leads", programId ?? "all"] as const,
  conversions: (programId?: string) => ["referrals", "conversions", programId ?? "all"] as const,
  review: ["referrals", "review"] as const,
  settings: (programId: string) => ["referrals", "settings", programId] as const,
};

export function useReferralMetrics(programId?: string) {
  return useQuery({
    queryKey: referralKeys.metrics(programId),
    queryFn: ({ signal }) =>
      api.get<ReferralMetrics>("/api/v1/referrals/metrics", { programId, advocates: 10 }, signal),
  });
}

export function useReferralCodes(programId?: string, status?: CodeStatus) {
  return useQuery({
    queryKey: referralKeys.codes(programId, status),
    queryFn: ({ signal }) =>
      api.get<{ data: ReferralCode[] }>("/api/v1/referrals/codes", { programId, status, limit: 500 }, signal),
    select: (page) => page.data,
  });
}

export function useReferralLeads(programId?: string) {
  return useQuery({
    queryKey: referralKeys.leads(programId),
    queryFn: ({ signal }) => api.get<{ data: Lead[] }>("/api/v1/referrals/leads", { programId, limit: 200 }, signal),
    select: (page) => page.data,
  });
}

export function useConversions(programId?: string) {
  return useQuery({
    queryKey: referralKeys.conversions(programId),
    queryFn: ({ signal }) =>
      api.get<{ data: Conversion[] }>("/api/v1/referrals/conversions", { programId, limit: 200 }, signal),
    select: (page) => page.data,
  });
}

export function useReviewQueue() {
  return useQuery({
    queryKey: referralKeys.review,
    queryFn: ({ signal }) => api.get<{ data: ReviewItem[] }>("/api/v1/referrals/review-queue", { limit: 200 }, signal),
    select: (page) => page.data,
    // A queue others work on too: fresh on every visit.
    staleTime: 0,
  });
}

export function useDecideReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: "approve" | "reject"; note?: string }) =>
      api.post<ReviewDecision>(`/api/v1/referrals/review-queue/${enc(id)}/decision`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: referralKeys.all }),
  });
}

export function useSetCodeStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: CodeStatus }) =>
      api.patch<ReferralCode>(`/api/v1/referrals/codes/${enc(id)}`, { status }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["referrals", "codes"] }),
  });
}

export function useIssueCode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { programId: string; contactId: string; vanity?: string }) =>
      api.post<ReferralCode>("/api/v1/referrals/codes", input),
    onSuccess: () => client.invalidateQueries({ queryKey: ["referrals", "codes"] }),
  });
}

export function useReferralSettings(programId: string | null) {
  return useQuery({
    queryKey: referralKeys.settings(programId ?? ""),
    queryFn: ({ signal }) =>
      api.get<ReferralSettings>(`/api/v1/referrals/programs/${enc(programId ?? "")}/settings`, undefined, signal),
    enabled: programId !== null,
  });
}

export function useSaveReferralSettings(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReferralSettingsInput) =>
      api.put<ReferralSettings>(`/api/v1/referrals/programs/${enc(programId)}/settings`, input),
    onSuccess: (settings) => client.setQueryData(referralKeys.settings(programId), settings),
  });
}

export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`;

export const signalLabels: Record<string, string> = {
  self_email: "Self-referral: same email",
  self_device: "Self-referral: advocate's device",
  disposable_email: "Disposable email",
  self_domain: "Advocate's email domain",
  self_ip: "Advocate's IP address",
  device_reuse: "Device reused with another email",
  existing_customer: "Already a customer",
  duplicate_lead: "Another advocate's lead",
  velocity: "Too many leads on this code",
  ip_reuse: "IP address reused",
};
export const signalLabel = (signal: string) => signalLabels[signal] ?? signal.replaceAll("_", " ");
