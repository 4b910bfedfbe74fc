import type {
  alertOutput,
  feedOutput,
  listeningSettings,
  mentionOutput,
  organicAdvocateOutput,
} from "@advo/core/listening/mentions";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../api/client.ts";

// The listening screens talk to /api/v1/mentions, /api/v1/listening/* and /api/v1/sentiment.
// Types come from core's schemas (type-only).
export type Mention = z.infer<typeof mentionOutput>;
export type OrganicAdvocate = z.infer<typeof organicAdvocateOutput>;
export type MentionAlert = z.infer<typeof alertOutput>;
export type Feed = z.infer<typeof feedOutput>;
export type ListeningSettings = z.output<typeof listeningSettings>;

export type SentimentLabel = "positive" | "neutral" | "negative";
export interface SentimentScore {
  compound: number;
  pos: number;
  neu: number;
  neg: number;
  label: SentimentLabel;
}
export interface InviteResult {
  invited: number;
  alreadyMembers: number;
  skipped: { contactId: string; reasons: string[] }[];
}

const enc = encodeURIComponent;

export const listeningKeys = {
  all: ["listening"] as const,
  mentions: (brand?: string, contactId?: string) => ["listening", "mentions", brand ?? "", contactId ?? ""] as const,
  organic: ["listening", "organic-advocates"] as const,
  alerts: ["listening", "alerts"] as const,
  feeds: ["listening", "feeds"] as const,
  settings: ["listening", "settings"] as const,
};

/** The same cut-offs the scorer uses: compound ≥ 0.05 positive, ≤ -0.05 negative. */
export const labelOf = (compound: number): SentimentLabel =>
  compound >= 0.05 ? "positive" : compound <= -0.05 ? "negative" : "neutral";
export const labelColor: Record<SentimentLabel, string> = { positive: "teal", neutral: "gray", negative: "red" };
export const sourceLabel = (sourceId: string, feeds?: Feed[]) =>
  sourceId === "webhook"
    ? "Webhook"
    : sourceId === "csv"
      ? "CSV import"
      : (feeds?.find((f) => f.id === sourceId)?.name ?? "Feed");

export function useMentions(filter: { brand?: string; contactId?: string }) {
  return useQuery({
    queryKey: listeningKeys.mentions(filter.brand, filter.contactId),
    queryFn: ({ signal }) =>
      api.get<{ data: Mention[] }>(
        "/api/v1/mentions",
        { brand: filter.brand, contactId: filter.contactId, limit: 500 },
        signal,
      ),
    select: (page) => page.data,
    placeholderData: keepPreviousData,
  });
}

export function useOrganicAdvocates() {
  return useQuery({
    queryKey: listeningKeys.organic,
    queryFn: ({ signal }) =>
      api.get<{ data: OrganicAdvocate[] }>("/api/v1/listening/organic-advocates", { limit: 100 }, signal),
    select: (page) => page.data,
  });
}

export function useMentionAlerts() {
  return useQuery({
    queryKey: listeningKeys.alerts,
    queryFn: ({ signal }) => api.get<{ data: MentionAlert[] }>("/api/v1/listening/alerts", undefined, signal),
    select: (page) => page.data,
  });
}

export function useFeeds(enabled = true) {
  return useQuery({
    queryKey: listeningKeys.feeds,
    queryFn: ({ signal }) => api.get<{ data: Feed[] }>("/api/v1/listening/feeds", undefined, signal),
    select: (page) => page.data,
    enabled,
  });
}

export function useListeningSettings(enabled: boolean) {
  return useQuery({
    queryKey: listeningKeys.settings,
    queryFn: ({ signal }) => api.get<ListeningSettings>("/api/v1/settings/listening", undefined, signal),
    enabled,
  });
}

export function useAddFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; url: string; pollIntervalMinutes: number }) =>
      api.post<Feed>("/api/v1/listening/feeds", input),
    onSuccess: () => client.invalidateQueries({ queryKey: listeningKeys.feeds }),
  });
}

export function useRemoveFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Feed>(`/api/v1/listening/feeds/${enc(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: listeningKeys.feeds }),
  });
}

export function useScoreSentiment() {
  return useMutation({
    mutationFn: (text: string) =>
      api.post<{ results: SentimentScore[] }>("/api/v1/sentiment", { texts: [text] }).then((r) => r.results[0]),
  });
}

/** Invite one organic advocate to a program; the server skips contacts its ask-fatigue limits protect. */
export function useInviteToProgram() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ programId, contactId }: { programId: string; contactId: string }) =>
      api.post<InviteResult>(`/api/v1/programs/${enc(programId)}/members`, { contactIds: [contactId] }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["programs"] }),
        client.invalidateQueries({ queryKey: listeningKeys.organic }),
      ]),
  });
}
