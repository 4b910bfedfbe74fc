import type { MentionsTable } from "@advo/db";
import { sql } from "kysely";
import { toIso } from "../../shared/clock.ts";
import { type Scope, selectFrom } from "../../shared/scope.ts";
import type { Mention, OrganicAdvocate } from "./mention.schemas.ts";

export const toMention = (r: MentionsTable): Mention => ({
  id: r.id,
  sourceId: r.sourceId,
  brand: r.brand,
  url: r.url,
  authorHandle: r.authorHandle,
  authorName: r.authorName,
  authorEmail: r.authorEmail,
  text: r.text,
  publishedAt: toIso(Number(r.publishedAt)),
  sentiment: r.sentiment,
  reach: Number(r.reach),
  contactId: r.contactId,
});

export async function listMentions(
  scope: Scope,
  query: { brand?: string; contactId?: string; limit?: number },
): Promise<Mention[]> {
  let q = selectFrom(scope, "mentions").selectAll();
  if (query.brand) q = q.where("brand", "=", query.brand);
  if (query.contactId) q = q.where("contactId", "=", query.contactId);
  const rows = await q
    .orderBy("publishedAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit ?? 100)
    .execute();
  return rows.map(toMention);
}

/**
 * Membership states that put a contact in a program: being invited counts (the program is already
 * courting them), lapsed and declined do not — the same rule as segments' in_program().
 */
export const IN_PROGRAM_STATES = ["invited", "joined", "active"] as const;
const EVIDENCE = 5;

/**
 * Contacts whose mentions are net positive (mean sentiment ≥ minSentiment, at least one mention) and who
 * are in no program yet (no invited, joined or active membership of a program that is not archived),
 * whatever their lifecycle stage says, most positive × widest reach first, each with their most positive
 * mentions as evidence.
 */
export async function organicAdvocates(
  scope: Scope,
  options: { minSentiment?: number; limit?: number } = {},
): Promise<OrganicAdvocate[]> {
  const minSentiment = options.minSentiment ?? 0.3;
  const rows = await selectFrom(scope, "mentions")
    .innerJoin("contacts", (j) =>
      j.onRef("contacts.tenantId", "=", "mentions.tenantId").onRef("contacts.id", "=", "mentions.contactId"),
    )
    .where(({ not, exists, selectFrom: sub }) =>
      not(
        exists(
          sub("programMembers as pm")
            .innerJoin("programs as p", (j) =>
              j.onRef("p.tenantId", "=", "pm.tenantId").onRef("p.id", "=", "pm.programId"),
            )
            .select(sql.lit(1).as("one"))
            .whereRef("pm.tenantId", "=", "contacts.tenantId")
            .whereRef("pm.contactId", "=", "contacts.id")
            .where("pm.state", "in", [...IN_PROGRAM_STATES])
            .where("p.status", "<>", "archived"),
        ),
      ),
    )
    .select([
      "contacts.id as id",
      "contacts.email as email",
      "contacts.firstName as firstName",
      "contacts.lastName as lastName",
      "contacts.lifecycleStage as lifecycleStage",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.avg<number>("mentions.sentiment").as("mean"),
      (eb) => eb.fn.max("mentions.reach").as("reach"),
    ])
    .groupBy(["contacts.id", "contacts.email", "contacts.firstName", "contacts.lastName", "contacts.lifecycleStage"])
    .execute();
  const ranked = rows
    .map((r) => {
      const mean = Number(r.mean);
      const reach = Number(r.reach ?? 0);
      return { r, mean, reach, n: Number(r.n), score: mean * Math.max(1, reach) };
    })
    .filter((x) => x.n > 0 && x.mean >= minSentiment)
    .sort((a, b) => b.score - a.score || b.mean - a.mean || a.r.id.localeCompare(b.r.id))
    .slice(0, options.limit ?? 50);
  if (ranked.length === 0) return [];
  const evidence = await selectFrom(scope, "mentions")
    .selectAll()
    .where(
      "contactId",
      "in",
      ranked.map((x) => x.r.id),
    )
    .orderBy("sentiment", "desc")
    .orderBy("publishedAt", "desc")
    .execute();
  const byContact = new Map<string, Mention[]>();
  for (const m of evidence) {
    const list = byContact.get(m.contactId ?? "") ?? [];
    if (list.length < EVIDENCE) list.push(toMention(m));
    byContact.set(m.contactId ?? "", list);
  }
  return ranked.map(({ r, mean, reach, n, score }) => ({
    contact: {
      id: r.id,
      email: r.email,
      firstName: r.firstName,
      lastName: r.lastName,
      lifecycleStage: r.lifecycleStage,
    },
    mentions: n,
    meanSentiment: Math.round(mean * 1000) / 1000,
    reach,
    score: Math.round(score * 1000) / 1000,
    evidence: byContact.get(r.id) ?? [],
  }));
}
