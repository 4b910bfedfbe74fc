import { inTransaction } from "@advo/db";
import { sql } from "kysely";
import { z } from "zod";
import { toIso } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { type ContactFeatures, surveysNewestFirst } from "./components.ts";
import { loadFeatures } from "./feature.queries.ts";
import { allAdvocacyActs } from "./personalities.ts";
import type { LabelledExample, PropensityExample, PropensityModel } from "./propensity/index.ts";
import { predictPropensity, trainPropensity } from "./propensity/index.ts";

const DAY = 86_400_000;
const CHUNK = 5000;

export const trainPropensityInput = z.object({
  windowDays: z
    .number()
    .int()
    .min(14)
    .max(365)
    .default(90)
    .describe("Outcome window: did the contact complete an advocacy act within this many days?"),
});

/** Numeric signals a contact had at `asOf`, before the outcome window opened. */
function exampleOf(f: ContactFeatures, texts: string[], asOf: number, plan: string | null): PropensityExample {
  const nps = surveysNewestFirst(f, "nps");
  const csat = surveysNewestFirst(f, "csat");
  const rated = f.tickets.filter((t) => t.satisfaction !== null);
  return {
    numeric: {
      nps: nps[0]?.score ?? null,
      npsTrend: nps[0] && nps[1] ? nps[0].score - nps[1].score : null,
      csat: csat[0]?.score ?? null,
      surveyAgeDays: nps[0] ? (asOf - nps[0].at) / DAY : null,
      activeDays: f.activeDays,
      breadth: f.breadth,
      daysSinceActive: f.lastActiveAt === null ? null : (asOf - f.lastActiveAt) / DAY,
      tickets: f.tickets.length,
      openEscalations: f.tickets.filter((t) => t.escalated && t.resolvedAt === null).length,
      ticketSatisfaction: rated.length ? rated.reduce((s, t) => s + (t.satisfaction ?? 0), 0) / rated.length : null,
      priorActs: f.acts,
    },
    texts,
    categories: { plan },
  };
}

async function* featureChunks(scope: Scope, asOf: number) {
  let after: string | null = null;
  for (;;) {
    let query = selectFrom(scope, "contacts").select("id").orderBy("id").limit(CHUNK);
    if (after) query = query.where("id", ">", after);
    const ids = (await query.execute()).map((r) => r.id);
    if (ids.length === 0) return;
    after = ids[ids.length - 1] as string;
    yield await loadFeatures(scope, { from: ids[0] as string, to: after }, asOf);
  }
}

/**
 * Trains on the tenant's own history: features as they were `windowDays` ago, labelled by whether
 * the contact completed an advocacy act since. Stores the model as a new version and scores every
 * contact's propensity with it. Refuses (400) when the history has too few examples of either kind.
 */
export async function trainTenantPropensity(scope: Scope, input: z.input<typeof trainPropensityInput> = {}) {
  const { windowDays } = trainPropensityInput.parse(input);
  const now = scope.clock.now();
  const cutoff = now - windowDays * DAY;
  const acted = new Set(
    (
      await selectFrom(scope, "events")
        .select("contactId")
        .distinct()
        .where(sql<boolean>`lower(event) in (${sql.join(allAdvocacyActs.map((a) => a.toLowerCase()))})`)
        .where("occurredAt", ">=", cutoff)
        .where("contactId", "is not", null)
        .execute()
    ).map((r) => r.contactId as string),
  );
  const examples: LabelledExample[] = [];
  for await (const loaded of featureChunks(scope, cutoff)) {
    for (const f of loaded.features) {
      if (f.lastActiveAt === null && f.surveys.length === 0 && f.tickets.length === 0 && !acted.has(f.contactId))
        continue;
      examples.push({
        ...exampleOf(f, loaded.texts.get(f.contactId) ?? [], cutoff, f.plan),
        label: acted.has(f.contactId) ? 1 : 0,
      });
    }
  }
  const { model } = trainPropensity(examples, { clock: scope.clock });
  const last = await selectFrom(scope, "propensityModels")
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const id = newId("pmd");
  await insertInto(scope, "propensityModels", {
    id,
    version,
    windowDays,
    model: JSON.stringify(model),
    trainedAt: now,
  }).execute();
  const scored = await scorePropensity(scope, model);
  return { id, version, windowDays, trainedAt: toIso(now), scored, metrics: model.metrics };
}

/** Writes every scored contact's propensity from the given model, using what is known now. */
export async function scorePropensity(scope: Scope, model: PropensityModel): Promise<number> {
  const now = scope.clock.now();
  let scored = 0;
  for await (const loaded of featureChunks(scope, now)) {
    const predictions = loaded.features.map((f) => ({
      id: f.contactId,
      p: predictPropensity(model, exampleOf(f, loaded.texts.get(f.contactId) ?? [], now, f.plan), { contributions: 0 })
        .probability,
    }));
    await inTransaction(scope.db, async (trx) => {
      const t = withDb(scope, trx);
      for (const { id, p } of predictions) {
        await updateTable(t, "contactScores")
          .set({ propensity: Math.round(p * 1000) / 1000 })
          .where("contactId", "=", id)
          .execute();
      }
    });
    scored += predictions.length;
  }
  return scored;
}

/**
 * Scores every contact with the latest model, if one was trained: contacts added since training get a
 * propensity and the rest follow their signals. Run after the daily full rescore. Returns how many
 * were scored (0 without a model).
 */
export async function refreshPropensity(scope: Scope): Promise<number> {
  const latest = await selectFrom(scope, "propensityModels")
    .select("model")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest ? scorePropensity(scope, JSON.parse(latest.model) as PropensityModel) : 0;
}

export async function getPropensityModel(scope: Scope) {
  const rows = await selectFrom(scope, "propensityModels").selectAll().orderBy("version", "desc").limit(10).execute();
  const latest = rows[0];
  if (!latest)
    throw new AppError("not_found", "no propensity model has been trained yet: POST /api/v1/models/propensity/train");
  const model = JSON.parse(latest.model) as PropensityModel;
  return {
    id: latest.id,
    version: latest.version,
    windowDays: latest.windowDays,
    trainedAt: toIso(latest.trainedAt),
    threshold: model.threshold,
    metrics: model.metrics,
    versions: rows.map((r) => ({ id: r.id, version: r.version, trainedAt: toIso(r.trainedAt) })),
  };
}
