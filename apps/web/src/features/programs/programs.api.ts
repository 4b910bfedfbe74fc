import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type {
  Challenge,
  CreateChallengeInput,
  CreateProgramInput,
  GoalPeriod,
  Leaderboard,
  Member,
  MemberState,
  Program,
  RejectionCategory,
  Submission,
  SubmissionState,
  UpdateChallengeInput,
  UpdateProgramInput,
} from "../../api/program-types.ts";

export const programKeys = {
  all: ["programs"] as const,
  list: ["programs", "list"] as const,
  one: (id: string) => ["programs", "one", id] as const,
  members: (id: string, state?: MemberState) => ["programs", "members", id, state ?? "all"] as const,
  challenges: (programId?: string) => ["programs", "challenges", programId ?? "all"] as const,
  challenge: (id: string) => ["programs", "challenge", id] as const,
  submissions: (filter: SubmissionFilter) => ["programs", "submissions", filter] as const,
  leaderboard: (programId: string | undefined, period: GoalPeriod) =>
    ["programs", "leaderboard", programId ?? "all", period] as const,
};

const enc = encodeURIComponent;

export function usePrograms() {
  return useQuery({
    queryKey: programKeys.list,
    queryFn: ({ signal }) => api.get<{ data: Program[] }>("/api/v1/programs", undefined, signal),
    select: (page) => page.data,
  });
}

export function useProgram(id: string) {
  return useQuery({
    queryKey: programKeys.one(id),
    queryFn: ({ signal }) => api.get<Program>(`/api/v1/programs/${enc(id)}`, undefined, signal),
  });
}

export function useSaveProgram(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProgramInput | UpdateProgramInput) =>
      id ? api.patch<Program>(`/api/v1/programs/${enc(id)}`, input) : api.post<Program>("/api/v1/programs", input),
    onSuccess: (program) => {
      client.setQueryData(programKeys.one(program.id), program);
      return client.invalidateQueries({ queryKey: programKeys.list });
    },
  });
}

export function useMembers(programId: string, state?: MemberState) {
  return useQuery({
    queryKey: programKeys.members(programId, state),
    queryFn: ({ signal }) =>
      api.get<{ data: Member[] }>(`/api/v1/programs/${enc(programId)}/members`, { state, limit: 500 }, signal),
    select: (page) => page.data,
  });
}

/** What an invitation did: invited, already members, and contacts ask-fatigue limits protected (skipped). */
export interface InviteResult {
  invited: number;
  alreadyMembers: number;
  skipped?: { contactId: string; reasons: string[] }[];
}

export function useInviteMembers(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { contactIds?: string[]; fromEligibilitySegment?: boolean }) =>
      api.post<InviteResult>(`/api/v1/programs/${enc(programId)}/members`, input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["programs", "members", programId] }),
        client.invalidateQueries({ queryKey: programKeys.one(programId) }),
        client.invalidateQueries({ queryKey: programKeys.list }),
      ]),
  });
}

export function useSetMemberState(programId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { contactId: string; state: Exclude<MemberState, "invited">; reason?: string }) =>
      api.put<Member>(`/api/v1/programs/${enc(programId)}/members/${enc(input.contactId)}`, {
        state: input.state,
        reason: input.reason,
      }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["programs", "members", programId] }),
        client.invalidateQueries({ queryKey: programKeys.one(programId) }),
      ]),
  });
}

export function useChallenges(programId?: string) {
  return useQuery({
    queryKey: programKeys.challenges(programId),
    queryFn: ({ signal }) => api.get<{ data: Challenge[] }>("/api/v1/challenges", { programId }, signal),
    select: (page) => page.data,
  });
}

export function useChallenge(id: string) {
  return useQuery({
    queryKey: programKeys.challenge(id),
    queryFn: ({ signal }) => api.get<Challenge>(`/api/v1/challenges/${enc(id)}`, undefined, signal),
  });
}

export function useSaveChallenge(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateChallengeInput | UpdateChallengeInput) =>
      id
        ? api.patch<Challenge>(`/api/v1/challenges/${enc(id)}`, input)
        : api.post<Challenge>("/api/v1/challenges", input),
    onSuccess: (challenge) => {
      client.setQueryData(programKeys.challenge(challenge.id), challenge);
      return client.invalidateQueries({ queryKey: ["programs", "challenges"] });
    },
  });
}

export interface SubmissionFilter {
  state?: SubmissionState;
  contactId?: string;
}

export function useSubmissions(filter: SubmissionFilter) {
  return useQuery({
    queryKey: programKeys.submissions(filter),
    queryFn: ({ signal }) => api.get<{ data: Submission[] }>("/api/v1/submissions", { ...filter, limit: 200 }, signal),
    select: (page) => page.data,
    // A queue others work on too: fresh on every visit.
    staleTime: 0,
  });
}

export type ReviewDecision =
  | { decision: "approve" }
  | { decision: "reject"; category: RejectionCategory; reason: string };

export function useReviewSubmission() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...decision }: ReviewDecision & { id: string }) =>
      api.post<Submission>(`/api/v1/submissions/${enc(id)}/review`, decision),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["programs"] }),
        client.invalidateQueries({ queryKey: ["points"] }),
      ]),
  });
}

export function useLeaderboard(programId: string | undefined, period: GoalPeriod, limit = 20) {
  return useQuery({
    queryKey: programKeys.leaderboard(programId, period),
    queryFn: ({ signal }) => api.get<Leaderboard>("/api/v1/leaderboards", { programId, period, limit }, signal),
  });
}
