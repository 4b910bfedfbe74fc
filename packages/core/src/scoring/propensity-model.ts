import { inTransaction } from "@advo/db";
import { sql } from "kysely";
import { toIso } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { allAdvocacyActs } from "./personalities.ts";
import type { LabelledExample, PropensityExample, PropensityModel } from "./propensity/index.ts";
import { predictPropensity, trainPropensity } from "./propensity/index.ts";
import {
  type AttributeChoice,
  attributeFeatures,
  attributesOfSpec,
  chooseAttributes,
  parseAttributes,
} from "./propensity-attributes.ts";
import { exampleOf, featureChunks } from "./propensity-examples.ts";
import {
  outcomeLabel,
  outcomeOf,
  type StoredOutcome,
  type TrainPropensityInput,
  trainPropensityInput,
} from "./propensity-outcome.ts";

const DAY = 86_400_000;

/** Contacts that had an advocacy act at or after `since`. */
async function actedSince(scope: Scope, since: number): Promise<Set<string>> {
  const rows = await selectFrom(scope, "events")
    .select("contactId")
    .distinct()
    .where(sql<boolean>`lower(event) in (${sql.join(allAdvocacyActs.map((a) => a.toLowerCase()))})`)
    .where("occurredAt", ">=", since)
    .where("contactId", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.contactId as string));
}

interface Row {
  example: PropensityExample;
  attributes: Record<string, unknown>;
  label: 0 | 1;
}

/** How many contacts the outcome could be read for. */
interface OutcomeCounts {
  used: number;
  positives: number;
  withoutOutcome: number;
  unreadable: number;
}

const withAttributes = (row: Row, typing: AttributeChoice): LabelledExample => {
  const extra = attributeFeatures(row.attributes, typing);
  return {
    numeric: { ...row.example.numeric, ...extra.numeric },
    categories: { ...row.example.categories, ...extra.categories },
    texts: row.example.texts,
    label: row.label,
  };
};

/**
 * Trains on the tenant's own history and stores the model as a new version, then scores every
 * contact with it. The outcome is either an advocacy act within `windowDays` (features as they were
 * when the window opened) or a yes/no contact attribute (features as known now; contacts without it
 * are left out, and the attribute is never a feature). Refuses (400) with too few of either kind.
 */
export async function trainTenantPropensity(scope: Scope, input: TrainPropensityInput = {}) {
  const { windowDays, outcome: chosen, features } = trainPropensityInput.parse(input);
  const now = scope.clock.now();
  const outcome: StoredOutcome = chosen
    ? { kind: "attribute", attribute: chosen.attribute }
    : { kind: "advocacy_act", windowDays };
  if (
    outcome.kind === "attribute" &&
    Array.isArray(features.attributes) &&
    features.attributes.includes(outcome.attribute)
  )
    throw new AppError(
      "invalid",
      `features.attributes: "${outcome.attribute}" is the outcome and cannot also be a feature`,
      [{ path: "features.attributes", message: `"${outcome.attribute}" is the outcome` }],
    );
  const asOf = outcome.kind === "attribute" ? now : now - windowDays * DAY;
  const acted = outcome.kind === "advocacy_act" ? await actedSince(scope, asOf) : new Set<string>();
  const counts: OutcomeCounts = { used: 0, positives: 0, withoutOutcome: 0, unreadable: 0 };
  const rows: Row[] = [];
  for await (const loaded of featureChunks(scope, asOf)) {
    for (const f of loaded.features) {
      const attributes = parseAttributes(loaded.attributes.get(f.contactId) ?? null);
      let label: 0 | 1;
      if (outcome.kind === "attribute") {
        const read = outcomeLabel(attributes[outcome.attribute]);
        if (read === "missing" || read === "unreadable") {
          counts[read === "missing" ? "withoutOutcome" : "unreadable"]++;
          continue;
        }
        label = read;
      } else {
        // Contacts with no signals at all before the window say nothing about what predicts an act.
        if (f.lastActiveAt === null && f.surveys.length === 0 && f.tickets.length === 0 && !acted.has(f.contactId))
          continue;
        label = acted.has(f.contactId) ? 1 : 0;
      }
      counts.used++;
      counts.positives += label;
      rows.push({ example: exampleOf(f, loaded.texts.get(f.contactId) ?? [], asOf, features), attributes, label });
    }
  }
  const useAttributes = features.attributes ?? outcome.kind === "attribute";
  const allowed = Array.isArray(useAttributes) ? new Set(useAttributes) : null;
  const excluded = new Set(outcome.kind === "attribute" ? [outcome.attribute] : []);
  const attributes: AttributeChoice =
    useAttributes === false
      ? { numeric: [], categories: [], skipped: [] }
      : chooseAttributes(
          rows.map((r) => r.attributes),
          allowed,
          excluded,
        );
  const model = trainOrExplain(
    rows.map((r) => withAttributes(r, attributes)),
    scope,
    outcome,
    counts,
  );
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
    outcome: JSON.stringify(outcome),
  }).execute();
  const scored = await scorePropensity(scope, model);
  return {
    id,
    version,
    windowDays,
    outcome,
    contacts: counts,
    features: { surveyScores: features.surveyScores, attributes },
    trainedAt: toIso(now),
    scored,
    metrics: model.metrics,
  };
}

/** trainPropensity, with a refusal that says which outcome and how many contacts it was read for. */
function trainOrExplain(examples: LabelledExample[], scope: Scope, outcome: StoredOutcome, counts: OutcomeCounts) {
  try {
    return trainPropensity(examples, { clock: scope.clock }).model;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "invalid" || outcome.kind !== "attribute") throw error;
    const left = [
      counts.withoutOutcome ? `${counts.withoutOutcome} contacts have no "${outcome.attribute}"` : "",
      counts.unreadable ? `${counts.unreadable} have a value that is not yes/no` : "",
    ].filter(Boolean);
    throw new AppError(
      "invalid",
      `outcome attribute "${outcome.attribute}": ${error.message}${left.length ? ` (${left.join("; ")})` : ""}`,
      [{ path: "outcome.attribute", message: error.errors[0]?.message ?? error.message }],
    );
  }
}

/** Writes every scored contact's propensity from the given model, using what is known now. */
export async function scorePropensity(scope: Scope, model: PropensityModel): Promise<number> {
  const now = scope.clock.now();
  // The model's spec names the features it was trained with (features it left out, such as survey
  // scores, are not read) and says how each attribute was typed at training.
  const typing = attributesOfSpec(model.spec);
  let scored = 0;
  for await (const loaded of featureChunks(scope, now)) {
    const predictions = loaded.features.map((f) => {
      const example = exampleOf(f, loaded.texts.get(f.contactId) ?? [], now);
      const extra = attributeFeatures(parseAttributes(loaded.attributes.get(f.contactId) ?? null), typing);
      const full = {
        ...example,
        numeric: { ...example.numeric, ...extra.numeric },
        categories: { ...example.categories, ...extra.categories },
      };
      return { id: f.contactId, p: predictPropensity(model, full, { contributions: 0 }).probability };
    });
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
    outcome: outcomeOf(latest.outcome, latest.windowDays),
    trainedAt: toIso(latest.trainedAt),
    threshold: model.threshold,
    metrics: model.metrics,
    versions: rows.map((r) => ({
      id: r.id,
      version: r.version,
      outcome: outcomeOf(r.outcome, r.windowDays),
      trainedAt: toIso(r.trainedAt),
    })),
  };
}
