// What a reference can do, company-size bands and the normal forms matching compares.

export const referenceActivities = [
  "reference_call",
  "video_call",
  "site_visit",
  "press",
  "analyst_inquiry",
  "case_study",
  "speaking",
  "peer_review",
] as const;
export type ReferenceActivity = (typeof referenceActivities)[number];

const activityLabels: Record<ReferenceActivity, string> = {
  reference_call: "reference call",
  video_call: "video call",
  site_visit: "site visit",
  press: "press interview",
  analyst_inquiry: "analyst inquiry",
  case_study: "case study",
  speaking: "speaking",
  peer_review: "peer review",
};
export const activityLabel = (a: ReferenceActivity) => activityLabels[a];

/** One bit per activity, so the SQL pre-filter tests willingness with `activity_mask & bit`. */
export const activityBit = (a: ReferenceActivity) => 1 << referenceActivities.indexOf(a);
export const activityMask = (list: readonly ReferenceActivity[]) => list.reduce((m, a) => m | activityBit(a), 0);

/** Company-size bands by employees: matching gives full points for the same band, half for a neighbour. */
export const sizeBands = [
  { name: "1-50", max: 50 },
  { name: "51-200", max: 200 },
  { name: "201-1000", max: 1000 },
  { name: "1001-5000", max: 5000 },
  { name: "5001+", max: Number.POSITIVE_INFINITY },
] as const;

export function sizeBandIndex(employees: number | null | undefined): number {
  if (employees === null || employees === undefined) return -1;
  return sizeBands.findIndex((b) => employees <= b.max);
}
export const sizeBandOf = (employees: number | null | undefined): string | null =>
  sizeBands[sizeBandIndex(employees)]?.name ?? null;

/** Industries, products, competitors, use cases and languages compare lower-cased; regions upper-cased. */
export const normTerm = (s: string | null | undefined): string | null => {
  const t = s?.trim().replace(/\s+/g, " ").toLowerCase();
  return t ? t : null;
};
export const normRegion = (s: string | null | undefined): string | null => {
  const t = s?.trim().toUpperCase();
  return t ? t : null;
};
export const normTerms = (list: readonly string[] | undefined): string[] => [
  ...new Set((list ?? []).map(normTerm).filter((t): t is string => t !== null)),
];
