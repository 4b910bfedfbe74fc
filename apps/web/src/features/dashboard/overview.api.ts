import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { Activity, Overview } from "../../api/types.ts";

/** The dashboard's numbers in one request: grouped counts, score bands, NPS, daily events. */
export const overviewQuery = queryOptions({
  queryKey: ["analytics", "overview"],
  queryFn: ({ signal }) => api.get<Overview>("/api/v1/analytics/overview", undefined, signal),
  staleTime: 60_000,
});

export const useOverview = () => useQuery(overviewQuery);

/** Reads the overview only if something already loaded it (no request of its own). */
export const useCachedOverview = () => useQuery({ ...overviewQuery, enabled: false });

/** What happened in the dashboard's date range (per day, or per week past 92 days). */
export const activityQuery = (range: { from: string; to: string }) =>
  queryOptions({
    queryKey: ["analytics", "activity", range.from, range.to],
    queryFn: ({ signal }) =>
      api.get<Activity>("/api/v1/analytics/activity", { from: range.from, to: range.to }, signal),
    staleTime: 60_000,
  });

export const useActivity = (range: { from: string; to: string }) =>
  useQuery({ ...activityQuery(range), placeholderData: keepPreviousData });
