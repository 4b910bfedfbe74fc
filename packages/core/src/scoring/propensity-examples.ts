import { type Scope, selectFrom } from "../shared/scope.ts";
import { type ContactFeatures, surveysNewestFirst } from "./components.ts";
import { loadFeatures } from "./feature.queries.ts";
import type { PropensityExample } from "./propensity/index.ts";

const DAY = 86_400_000;
const CHUNK = 5000;

export interface ExampleSettings {
  /** NPS/CSAT scores and the NPS trend as features. */
  surveyScores: boolean;
}

/**
 * A comment's lines as separate texts. Survey and review tools put a headline above the body or join
 * the answers to several questions with line breaks; each line is its own statement, so its sentiment
 * counts on its own (the mean and the most negative text) and n-grams do not run from one into the next.
 * Measured on the review bench: title and body joined by a line break as one text, AUC 0.9617; as
 * two texts 0.9640.
 */
export const statementsOf = (texts: readonly string[]): string[] =>
  texts.flatMap((t) => t.split(/\r?\n/)).filter((line) => line.trim() !== "");

/** Numeric signals a contact had at `asOf` (for the default outcome, before its window opened). */
export function exampleOf(
  f: ContactFeatures,
  texts: string[],
  asOf: number,
  settings: ExampleSettings = { surveyScores: true },
): PropensityExample {
  const nps = surveysNewestFirst(f, "nps");
  const csat = surveysNewestFirst(f, "csat");
  const rated = f.tickets.filter((t) => t.satisfaction !== null);
  const latestSurvey = Math.max(nps[0]?.at ?? -Infinity, csat[0]?.at ?? -Infinity);
  const scores: Record<string, number | null> = settings.surveyScores
    ? {
        nps: nps[0]?.score ?? null,
        npsTrend: nps[0] && nps[1] ? nps[0].score - nps[1].score : null,
        csat: csat[0]?.score ?? null,
      }
    : {};
  return {
    numeric: {
      ...scores,
      // How long ago the contact last answered a survey of either kind (before: NPS only).
      surveyAgeDays: Number.isFinite(latestSurvey) ? (asOf - latestSurvey) / DAY : null,
      activeDays: f.activeDays,
      breadth: f.breadth,
      daysSinceActive: f.lastActiveAt === null ? null : (asOf - f.lastActiveAt) / DAY,
      tickets: f.tickets.length,
      openEscalations: f.tickets.filter((t) => t.escalated && t.resolvedAt === null).length,
      ticketSatisfaction: rated.length ? rated.reduce((s, t) => s + (t.satisfaction ?? 0), 0) / rated.length : null,
      priorActs: f.acts,
    },
    texts: statementsOf(texts),
    categories: { plan: f.plan },
  };
}

/** Every contact's features at `asOf` and its stored attributes (JSON), a range of ids at a time. */
export async function* featureChunks(scope: Scope, asOf: number) {
  let after: string | null = null;
  for (;;) {
    let query = selectFrom(scope, "contacts").select(["id", "attributes"]).orderBy("id").limit(CHUNK);
    if (after) query = query.where("id", ">", after);
    const rows = await query.execute();
    if (rows.length === 0) return;
    const first = rows[0]?.id as string;
    after = rows[rows.length - 1]?.id as string;
    const loaded = await loadFeatures(scope, { from: first, to: after }, asOf, undefined, true);
    yield { ...loaded, attributes: new Map(rows.map((r) => [r.id, r.attributes])) };
  }
}
