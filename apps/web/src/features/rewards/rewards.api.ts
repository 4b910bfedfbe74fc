import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type {
  Badge,
  BadgeRule,
  Budget,
  CreateRewardInput,
  LedgerAccount,
  LedgerTransaction,
  Redemption,
  RedemptionState,
  Reward,
  Standing,
  Tier,
} from "../../api/program-types.ts";

export const rewardKeys = {
  all: ["rewards"] as const,
  catalog: ["rewards", "catalog"] as const,
  redemptions: (filter: RedemptionFilter) => ["rewards", "redemptions", filter] as const,
  budgets: (quarter?: string) => ["rewards", "budgets", quarter ?? "all"] as const,
  settings: ["rewards", "settings"] as const,
  badges: ["rewards", "badges"] as const,
  tiers: ["rewards", "tiers"] as const,
};

/** A contact's points: standing and ledger (invalidated together after any award or spend). */
export const pointKeys = {
  standing: (contactId: string) => ["points", "standing", contactId] as const,
  ledger: (contactId: string) => ["points", "ledger", contactId] as const,
};

const enc = encodeURIComponent;

/** "2026-Q4" for a date. */
export function quarterOf(date = new Date()): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;
}

export function useRewards() {
  return useQuery({
    queryKey: rewardKeys.catalog,
    queryFn: ({ signal }) => api.get<{ data: Reward[] }>("/api/v1/rewards", { includeInactive: true }, signal),
    select: (page) => page.data,
  });
}

export type RewardPatch = Partial<
  Pick<
    Reward,
    "name" | "description" | "costPoints" | "valueCents" | "stock" | "perAdvocateLimit" | "approvalRequired" | "active"
  >
>;

export function useSaveReward(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRewardInput | RewardPatch) =>
      id ? api.patch<Reward>(`/api/v1/rewards/${enc(id)}`, input) : api.post<Reward>("/api/v1/rewards", input),
    onSuccess: () => client.invalidateQueries({ queryKey: rewardKeys.catalog }),
  });
}

export interface RedemptionFilter {
  state?: RedemptionState;
  contactId?: string;
}

export function useRedemptions(filter: RedemptionFilter) {
  return useQuery({
    queryKey: rewardKeys.redemptions(filter),
    queryFn: ({ signal }) => api.get<{ data: Redemption[] }>("/api/v1/redemptions", { ...filter, limit: 200 }, signal),
    select: (page) => page.data,
    staleTime: 0,
  });
}

export type RedemptionDecision =
  | { decision: "approve" }
  | { decision: "reject"; reason: string }
  | { decision: "fulfil"; note?: string };

export function useDecideRedemption() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...decision }: RedemptionDecision & { id: string }) =>
      api.post<Redemption>(`/api/v1/redemptions/${enc(id)}/decision`, decision),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: rewardKeys.all }),
        client.invalidateQueries({ queryKey: ["points"] }),
      ]),
  });
}

export function useBudgets(quarter?: string) {
  return useQuery({
    queryKey: rewardKeys.budgets(quarter),
    queryFn: ({ signal }) => api.get<{ data: Budget[] }>("/api/v1/reward-budgets", { quarter }, signal),
    select: (page) => page.data,
  });
}

export function useSetBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { quarter: string; programId: string | null; limitCents: number }) =>
      api.put<Budget>("/api/v1/reward-budgets", input),
    onSuccess: () => client.invalidateQueries({ queryKey: ["rewards", "budgets"] }),
  });
}

export function useRewardSettings(enabled: boolean) {
  return useQuery({
    queryKey: rewardKeys.settings,
    queryFn: ({ signal }) =>
      api.get<{ approvalAbovePoints: number | null }>("/api/v1/settings/rewards", undefined, signal),
    enabled,
  });
}

export function useSetRewardSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { approvalAbovePoints: number | null }) =>
      api.put<{ approvalAbovePoints: number | null }>("/api/v1/settings/rewards", input),
    onSuccess: (data) => client.setQueryData(rewardKeys.settings, data),
  });
}

export function useBadges() {
  return useQuery({
    queryKey: rewardKeys.badges,
    queryFn: ({ signal }) => api.get<{ data: Badge[] }>("/api/v1/badges", undefined, signal),
    select: (page) => page.data,
  });
}

export function useCreateBadge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description: string; icon: string | null; rule: BadgeRule }) =>
      api.post<Badge>("/api/v1/badges", input),
    onSuccess: () => client.invalidateQueries({ queryKey: rewardKeys.badges }),
  });
}

export function useTiers(enabled: boolean) {
  return useQuery({
    queryKey: rewardKeys.tiers,
    queryFn: ({ signal }) => api.get<{ data: Tier[] }>("/api/v1/settings/tiers", undefined, signal),
    select: (page) => page.data,
    enabled,
  });
}

export function useSetTiers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tiers: Tier[]) => api.put<{ data: Tier[] }>("/api/v1/settings/tiers", { data: tiers }),
    onSuccess: (data) => client.setQueryData(rewardKeys.tiers, data),
  });
}

export function useStanding(contactId: string) {
  return useQuery({
    queryKey: pointKeys.standing(contactId),
    queryFn: ({ signal }) => api.get<Standing>(`/api/v1/contacts/${enc(contactId)}/standing`, undefined, signal),
    staleTime: 0,
  });
}

export const ledgerPage = (contactId: string, cursor?: string, signal?: AbortSignal) =>
  api.get<LedgerAccount>(`/api/v1/ledger/accounts/${enc(contactId)}`, { cursor, limit: 25 }, signal);

export function useAdjustPoints(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { points: number; reason: string; idempotencyKey: string }) =>
      api.post<LedgerTransaction>(`/api/v1/ledger/accounts/${enc(contactId)}/adjustments`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ["points"] }),
  });
}

export function useAwardBadge(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (badgeId: string) => api.post<Standing>(`/api/v1/badges/${enc(badgeId)}/holders`, { contactId }),
    onSuccess: (standing) => {
      client.setQueryData(pointKeys.standing(contactId), standing);
      return client.invalidateQueries({ queryKey: rewardKeys.badges });
    },
  });
}

export function useCreateShoutout() {
  return useMutation({
    mutationFn: (input: { contactId: string; programId?: string | null; message: string }) =>
      api.post<{ id: string }>("/api/v1/shoutouts", input),
  });
}

export interface CompliancePolicy {
  pointValueCents: number;
  reviewSiteCaps: Record<string, number>;
  allowReviewGatingOverride: boolean;
  disclosureTemplate: string;
}

export function useCompliance(enabled: boolean) {
  return useQuery({
    queryKey: ["settings", "compliance"],
    queryFn: ({ signal }) => api.get<CompliancePolicy>("/api/v1/settings/compliance", undefined, signal),
    enabled,
  });
}

export function useSetCompliance() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CompliancePolicy) => api.put<CompliancePolicy>("/api/v1/settings/compliance", input),
    onSuccess: (data) => client.setQueryData(["settings", "compliance"], data),
  });
}
