import type { AdvocateContent } from "@advo/core/content";
import type { hubProgramOutput, hubReferenceAskOutput } from "@advo/core/hub";
import type { ReferralCode } from "@advo/core/referrals";
import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ApiError } from "../../api/api-error.ts";
import { api } from "../../api/client.ts";
import type {
  Challenge,
  GoalPeriod,
  HubProfile,
  HubProfileUpdate,
  Leaderboard,
  LedgerAccount,
  Redemption,
  Reward,
  Shoutout,
  Standing,
  Submission,
} from "../../api/program-types.ts";
import type { HubCommunity, HubCommunityEvent, HubCommunitySpace } from "../../api/types.ts";

// The advocate hub talks to /api/v1/hub/*, authenticated by the advo_hub cookie (never the staff one).
export const hubKeys = {
  all: ["hub"] as const,
  me: ["hub", "me"] as const,
  standing: ["hub", "standing"] as const,
  challenges: ["hub", "challenges"] as const,
  submissions: ["hub", "submissions"] as const,
  rewards: ["hub", "rewards"] as const,
  redemptions: ["hub", "redemptions"] as const,
  ledger: ["hub", "ledger"] as const,
  leaderboard: (period: GoalPeriod) => ["hub", "leaderboard", period] as const,
  shoutouts: ["hub", "shoutouts"] as const,
  content: ["hub", "content"] as const,
  community: ["hub", "community"] as const,
};

/** The signed-in advocate, or null when nobody is (401, or a staff session's 403). */
export const hubMeQuery = queryOptions({
  queryKey: hubKeys.me,
  queryFn: async ({ signal }): Promise<HubProfile | null> => {
    try {
      return await api.get<HubProfile>("/api/v1/hub/me", undefined, signal);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export const useHubMe = () => useQuery(hubMeQuery);

export function useRequestLink() {
  return useMutation({
    mutationFn: (input: { workspace: string; email: string }) => api.post<{ sent: true }>("/api/v1/hub/sign-in", input),
  });
}

export function useExchangeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<HubProfile>("/api/v1/hub/session", { token }),
    onSuccess: (profile) => {
      client.removeQueries({ queryKey: hubKeys.all });
      client.setQueryData(hubKeys.me, profile);
    },
  });
}

export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: HubProfileUpdate) => api.patch<HubProfile>("/api/v1/hub/me", patch),
    onSuccess: (profile) => client.setQueryData(hubKeys.me, profile),
  });
}

const list =
  <T>(path: string) =>
  ({ signal }: { signal: AbortSignal }) =>
    api.get<{ data: T[] }>(path, undefined, signal).then((page) => page.data);

export const useHubStanding = () =>
  useQuery({
    queryKey: hubKeys.standing,
    queryFn: ({ signal }) => api.get<Standing>("/api/v1/hub/standing", undefined, signal),
  });

export const useHubChallenges = () =>
  useQuery({ queryKey: hubKeys.challenges, queryFn: list<Challenge>("/api/v1/hub/challenges") });

export const useHubSubmissions = () =>
  useQuery({ queryKey: hubKeys.submissions, queryFn: list<Submission>("/api/v1/hub/submissions") });

export const useHubRewards = () =>
  useQuery({ queryKey: hubKeys.rewards, queryFn: list<Reward>("/api/v1/hub/rewards") });

export const useHubRedemptions = () =>
  useQuery({ queryKey: hubKeys.redemptions, queryFn: list<Redemption>("/api/v1/hub/redemptions") });

export const useHubShoutouts = () =>
  useQuery({ queryKey: hubKeys.shoutouts, queryFn: list<Shoutout>("/api/v1/hub/shoutouts") });

export const useHubLeaderboard = (period: GoalPeriod) =>
  useQuery({
    queryKey: hubKeys.leaderboard(period),
    queryFn: ({ signal }) => api.get<Leaderboard>("/api/v1/hub/leaderboard", { period, limit: 20 }, signal),
  });

export const useHubLedger = () =>
  useInfiniteQuery({
    queryKey: hubKeys.ledger,
    queryFn: ({ pageParam, signal }) =>
      api.get<LedgerAccount>("/api/v1/hub/ledger", { cursor: pageParam, limit: 25 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export interface EvidenceInput {
  url?: string;
  text?: string;
  file?: { name: string; contentType: string; dataBase64: string };
}

/** After points move, everything that shows them is stale. */
const refreshPoints = (client: ReturnType<typeof useQueryClient>) =>
  Promise.all(
    [
      hubKeys.standing,
      hubKeys.ledger,
      hubKeys.submissions,
      hubKeys.challenges,
      hubKeys.rewards,
      hubKeys.redemptions,
    ].map((queryKey) => client.invalidateQueries({ queryKey })),
  );

export function useSubmitEvidence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ challengeId, evidence }: { challengeId: string; evidence: EvidenceInput }) =>
      api.post<Submission>(`/api/v1/hub/challenges/${encodeURIComponent(challengeId)}/submissions`, { evidence }),
    onSuccess: () => refreshPoints(client),
  });
}

export function useRedeem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { rewardId: string; details: Record<string, string> }) =>
      api.post<Redemption>("/api/v1/hub/redemptions", input),
    onSuccess: () => refreshPoints(client),
  });
}

// ── My programs, referral links, reference asks, sign-out ──
export type HubProgram = z.infer<typeof hubProgramOutput>;
export type HubReferenceAsk = z.infer<typeof hubReferenceAskOutput>;

export const hubExtraKeys = {
  programs: ["hub", "programs"] as const,
  referralLinks: ["hub", "referral-links"] as const,
  referenceAsks: ["hub", "reference-asks"] as const,
};

export const useHubPrograms = () =>
  useQuery({ queryKey: hubExtraKeys.programs, queryFn: list<HubProgram>("/api/v1/hub/programs") });

export function useSetMembership() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ programId, ...body }: { programId: string; decision: "join" | "decline"; reason?: string }) =>
      api.post(`/api/v1/hub/programs/${encodeURIComponent(programId)}/membership`, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: hubExtraKeys.programs }),
        client.invalidateQueries({ queryKey: hubKeys.challenges }),
      ]),
  });
}

export const useHubReferralLinks = () =>
  useQuery({ queryKey: hubExtraKeys.referralLinks, queryFn: list<ReferralCode>("/api/v1/hub/referral-links") });

export function useGetReferralLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (programId: string) => api.post<ReferralCode>("/api/v1/hub/referral-links", { programId }),
    onSuccess: () => client.invalidateQueries({ queryKey: hubExtraKeys.referralLinks }),
  });
}

export const useHubReferenceAsks = () =>
  useQuery({ queryKey: hubExtraKeys.referenceAsks, queryFn: list<HubReferenceAsk>("/api/v1/hub/reference-asks") });

export function useRespondToAsk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; decision: "accept" | "decline"; reason?: string }) =>
      api.post<{ data: HubReferenceAsk[] }>(`/api/v1/hub/reference-asks/${encodeURIComponent(id)}/respond`, body),
    onSuccess: (answer) => client.setQueryData(hubExtraKeys.referenceAsks, answer.data),
  });
}

export function useHubSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete("/api/v1/hub/session"),
    onSettled: () => {
      client.removeQueries({ queryKey: hubKeys.all });
      client.setQueryData(hubKeys.me, null);
    },
  });
}

/** The emailed one-time link's answer: no sign-in, the token is the credential. */
export function useRespondWithToken() {
  return useMutation({
    mutationFn: (body: { token: string; decision: "accept" | "decline"; reason?: string }) =>
      api.post<{ status: string; respondedAt: string }>("/api/v1/reference-asks/respond", body),
  });
}

export const useHubContent = () =>
  useQuery({ queryKey: hubKeys.content, queryFn: list<AdvocateContent>("/api/v1/hub/content") });

export function useHubContentDecision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      decision: "approve" | "request_changes";
      comment?: string;
      version: number;
    }) =>
      api.post<{ status: "approved" | "changes_requested" }>(
        `/api/v1/hub/content/${encodeURIComponent(id)}/decision`,
        body,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: hubKeys.content }),
  });
}

// ── Community: events to come to, spaces to join ──
export const useHubCommunity = () =>
  useQuery({
    queryKey: hubKeys.community,
    queryFn: ({ signal }) => api.get<HubCommunity>("/api/v1/hub/community", undefined, signal),
  });

/** The event as a calendar file, from the advocate's side (their cookie, not a staff session). */
export const hubEventCalendarUrl = (eventId: string) =>
  `/api/v1/hub/community/events/${encodeURIComponent(eventId)}/calendar.ics`;

export function useHubRsvp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, going }: { eventId: string; going: boolean }) =>
      api.post<{ status: HubCommunityEvent["myStatus"]; waitlistPosition: number | null }>(
        `/api/v1/hub/community/events/${encodeURIComponent(eventId)}/rsvp`,
        { going },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: hubKeys.community }),
  });
}

export function useHubSpaceMembership() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ spaceId, member }: { spaceId: string; member: boolean }) =>
      api.post<{ member: boolean; role: HubCommunitySpace["role"] }>(
        `/api/v1/hub/community/spaces/${encodeURIComponent(spaceId)}/membership`,
        { member },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: hubKeys.community }),
  });
}

/** How was it? An event the advocate came to, rated once. */
export function useHubEventFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, rating, comment }: { eventId: string; rating: number; comment: string }) =>
      api.post<{ rating: number; comment: string | null }>(
        `/api/v1/hub/community/events/${encodeURIComponent(eventId)}/feedback`,
        { rating, ...(comment.trim() ? { comment } : {}) },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: hubKeys.community }),
  });
}
