import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import { type Advocate, type Page, type Personality, personalities } from "../../api/types.ts";

export interface AdvocateFilter {
  /** A saved segment id (seg_…) or an expression. */
  segment?: string;
  minScore?: number;
  personality?: Personality;
}

export const PAGE_SIZE = 50;

export const advocateKeys = {
  all: ["advocates"] as const,
  list: (filter: AdvocateFilter) => ["advocates", "list", filter] as const,
};

export const listAdvocates = (filter: AdvocateFilter, cursor?: string, limit = PAGE_SIZE, signal?: AbortSignal) =>
  api.get<Page<Advocate>>("/api/v1/advocates", { ...filter, cursor, limit }, signal);

export const advocateListQuery = (filter: AdvocateFilter) =>
  infiniteQueryOptions({
    queryKey: advocateKeys.list(filter),
    queryFn: ({ pageParam, signal }) => listAdvocates(filter, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAdvocateList = (filter: AdvocateFilter) =>
  useInfiniteQuery({ ...advocateListQuery(filter), placeholderData: keepPreviousData });

export const minScoreChoices = [50, 60, 70, 80, 90] as const;

/** The advocates screen's filter as its URL states it (?segment=&minScore=&personality=). */
export function advocateFilterOf(params: URLSearchParams): AdvocateFilter {
  const personality = params.get("personality") ?? "";
  const minScore = Number(params.get("minScore"));
  return {
    segment: params.get("segment")?.trim() || undefined,
    minScore: Number.isFinite(minScore) && minScore > 0 && minScore <= 100 ? minScore : undefined,
    personality: (personalities as readonly string[]).includes(personality) ? (personality as Personality) : undefined,
  };
}
