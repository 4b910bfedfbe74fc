import type { ContactAsksTable, Database } from "@advo/db";
import { type Expression, type SelectQueryBuilder, sql } from "kysely";
import { insertInto, inTexts, type Scope, selectFrom } from "../shared/scope.ts";

const CHUNK = 500;

/** Inserts the ask unless the same source already asked this contact for this kind; true when new. */
export async function insertAsk(scope: Scope, row: Omit<ContactAsksTable, "tenantId">): Promise<boolean> {
  const result = await insertInto(scope, "contactAsks", row)
    .onConflict((oc) => oc.columns(["tenantId", "sourceType", "sourceId", "contactId", "kind"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Adds one to the contact's counter for the quarter and kind (and keeps the latest time). */
export async function bumpCount(scope: Scope, contactId: string, quarter: string, kind: string, at: number) {
  await insertInto(scope, "contactAskCounts", { contactId, quarter, kind, asks: 1, lastAt: at })
    .onConflict((oc) =>
      oc.columns(["tenantId", "contactId", "quarter", "kind"]).doUpdateSet((eb) => ({
        asks: eb("contactAskCounts.asks", "+", 1),
        lastAt: eb
          .case()
          .when("contactAskCounts.lastAt", ">", eb.ref("excluded.lastAt"))
          .then(eb.ref("contactAskCounts.lastAt"))
          .else(eb.ref("excluded.lastAt"))
          .end(),
      })),
    )
    .execute();
}

export async function limitsOf(scope: Scope, contactIds: readonly string[]) {
  const rows: { contactId: string; kind: string; maxPerQuarter: number }[] = [];
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    rows.push(
      ...(await selectFrom(scope, "contactAskLimits")
        .select(["contactId", "kind", "maxPerQuarter"])
        .where("contactId", "in", contactIds.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return rows;
}

export const asksOfContact = (scope: Scope, contactId: string, since: number) =>
  selectFrom(scope, "contactAsks")
    .selectAll()
    .where("contactId", "=", contactId)
    .where("at", ">=", since)
    .orderBy("at", "desc")
    .limit(500)
    .execute();

/**
 * One row of a facts query: several small lookups about a list of contacts sent as one UNION ALL, so
 * a caller pays one round trip for all of them. `fact` names the lookup; k, s, n and at are its values.
 */
export interface FactRow {
  fact: string;
  contactId: string;
  k: string | null;
  s: string | null;
  n: number | null;
  at: number | null;
}
export type FactQuery = SelectQueryBuilder<Database, keyof Database, FactRow>;
type Value = Expression<unknown> | null;

/** The columns of a facts-query branch, cast so both dialects agree on the union's types. */
export const factColumns = (fact: string, contactId: Expression<unknown>, k: Value, s: Value, n: Value, at: Value) => [
  sql<string>`${sql.lit(fact)}`.as("fact"),
  sql<string>`${contactId}`.as("contactId"),
  sql<string | null>`cast(${k ?? sql`null`} as text)`.as("k"),
  sql<string | null>`cast(${s ?? sql`null`} as text)`.as("s"),
  sql<number | null>`cast(${n ?? sql`null`} as bigint)`.as("n"),
  sql<number | null>`cast(${at ?? sql`null`} as bigint)`.as("at"),
];

/** Runs facts-query branches as one UNION ALL. */
export async function runFacts(branches: FactQuery[]): Promise<FactRow[]> {
  const [first, ...rest] = branches;
  if (!first) return [];
  return rest.reduce((q, b) => q.unionAll(b), first).execute();
}

/**
 * What checkAsksAllowed needs about some contacts (ids within one IN list): their counters for the
 * quarter ("count", k kind, n asks, at last), their own limits ("limit", k kind, n max) and, when
 * `since` is given, their latest ask since then ("last", at).
 */
export function askFacts(
  scope: Scope,
  contactIds: readonly string[],
  quarter: string,
  kinds: string[],
  since: number | null,
): FactQuery[] {
  const ids = [...contactIds];
  const ref = sql.ref;
  const out = [
    selectFrom(scope, "contactAskCounts")
      .select(
        factColumns(
          "count",
          ref("contactAskCounts.contactId"),
          ref("contactAskCounts.kind"),
          null,
          ref("contactAskCounts.asks"),
          ref("contactAskCounts.lastAt"),
        ),
      )
      .where(inTexts(scope, "contactAskCounts.contactId", ids))
      .where("quarter", "=", quarter)
      .where(inTexts(scope, "contactAskCounts.kind", kinds)),
    selectFrom(scope, "contactAskLimits")
      .select(
        factColumns(
          "limit",
          ref("contactAskLimits.contactId"),
          ref("contactAskLimits.kind"),
          null,
          ref("contactAskLimits.maxPerQuarter"),
          null,
        ),
      )
      .where(inTexts(scope, "contactAskLimits.contactId", ids)),
  ] as unknown as FactQuery[];
  if (since !== null)
    out.push(
      selectFrom(scope, "contactAsks")
        .select(factColumns("last", ref("contactAsks.contactId"), null, null, null, sql`max(${ref("contactAsks.at")})`))
        .where(inTexts(scope, "contactAsks.contactId", ids))
        .where("at", ">=", since)
        .groupBy("contactAsks.contactId") as unknown as FactQuery,
    );
  return out;
}
