import type { ContactAsksTable } from "@advo/db";
import { insertInto, type Scope, selectFrom } from "../shared/scope.ts";

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

export async function countsOf(scope: Scope, contactIds: readonly string[], quarter: string, kinds: string[]) {
  const rows: { contactId: string; kind: string; asks: number; lastAt: number }[] = [];
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    rows.push(
      ...(await selectFrom(scope, "contactAskCounts")
        .select(["contactId", "kind", "asks", "lastAt"])
        .where("contactId", "in", contactIds.slice(i, i + CHUNK))
        .where("quarter", "=", quarter)
        .where("kind", "in", kinds)
        .execute()),
    );
  }
  return rows;
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

/** Latest ask of each contact at or after `since` (any kind). */
export async function lastAsksSince(scope: Scope, contactIds: readonly string[], since: number) {
  const out = new Map<string, number>();
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const rows = await selectFrom(scope, "contactAsks")
      .select((eb) => ["contactId", eb.fn.max("at").as("last")])
      .where("contactId", "in", contactIds.slice(i, i + CHUNK))
      .where("at", ">=", since)
      .groupBy("contactId")
      .execute();
    for (const r of rows) out.set(r.contactId, Number(r.last));
  }
  return out;
}

export const asksOfContact = (scope: Scope, contactId: string, since: number) =>
  selectFrom(scope, "contactAsks")
    .selectAll()
    .where("contactId", "=", contactId)
    .where("at", ">=", since)
    .orderBy("at", "desc")
    .limit(500)
    .execute();
