import type { Overview } from "../../api/types.ts";

/** The four readiness bands the score-distribution chart colours its ten buckets by. */
export const bands = [
  { key: "Ready", min: 70, color: "teal.6" },
  { key: "Warm", min: 50, color: "blue.5" },
  { key: "Building", min: 30, color: "yellow.5" },
  { key: "Cold", min: 0, color: "red.5" },
] as const;

export type BandKey = (typeof bands)[number]["key"];

export const bandOf = (from: number): BandKey => (bands.find((b) => from >= b.min) ?? bands[3]).key;

/** The segment expression behind one bucket of the distribution: 70–79 is ">= 70 and < 80". */
export function bucketExpression(bucket: { from: number; to: number }): string {
  return bucket.to >= 100
    ? `advocacy_score >= ${bucket.from}`
    : `advocacy_score >= ${bucket.from} and advocacy_score < ${bucket.to + 1}`;
}

export const advocatesHref = (segment: string) => `/advocates?${new URLSearchParams({ segment })}`;

/** One chart row per bucket, its count under its band's key (so each band gets its colour). */
export function distributionRows(distribution: Overview["scores"]["distribution"]) {
  return distribution.map((bucket) => ({
    label: bucket.to >= 100 ? `${bucket.from}–100` : `${bucket.from}–${bucket.to}`,
    from: bucket.from,
    to: bucket.to,
    contacts: bucket.contacts,
    ...Object.fromEntries(bands.map((b) => [b.key, b.key === bandOf(bucket.from) ? bucket.contacts : 0])),
  }));
}

/**
 * The 30 days up to today (UTC), with a zero for each quiet day: the API lists only days that had
 * events, starts mid-day 30×24 h ago and includes events dated in the future.
 */
