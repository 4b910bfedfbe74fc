import type { MentionsTable } from "@advo/db";
import { enqueueJob } from "../../jobs/index.ts";
import { newId } from "../../shared/ids.ts";
import { insertInto, type Scope, selectFrom } from "../../shared/scope.ts";
import { CONTACTS_CHANGED, tenantSentimentScorer } from "../../signals/index.ts";
import { evaluateAlerts } from "./alerts.ts";
import { compileBrands, matchBrand } from "./brand-rules.ts";
import { linkAuthors } from "./link-contacts.ts";
import type { IngestMentionsResult, ParsedMention } from "./mention.schemas.ts";
import { getListeningSettings } from "./settings.ts";
import { mentionKeys, normaliseHandle } from "./text.ts";

export const WEBHOOK_SOURCE = "webhook";
export const CSV_SOURCE = "csv";
const CHUNK = 400;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Keeps the mentions that match a brand rule, scores their sentiment with the workspace's scorer, links
 * them to known contacts, stores each once (by url and by text + author), then checks the negative-spike alerts of the
 * brands and source it touched. Linked contacts are queued for rescoring.
 */
export async function ingestMentions(
  scope: Scope,
  sourceId: string,
  mentions: ParsedMention[],
): Promise<IngestMentionsResult> {
  const settings = await getListeningSettings(scope);
  const brands = compileBrands(settings.brands);
  const score = await tenantSentimentScorer(scope);
  const now = scope.clock.now();

  let filtered = 0;
  const fresh = new Map<string, Omit<MentionsTable, "tenantId" | "contactId">>();
  const urlKeys = new Set<string>();
  for (const m of mentions) {
    const brand = matchBrand(brands, m.text);
    if (!brand) {
      filtered++;
      continue;
    }
    const { urlKey, fingerprint } = mentionKeys(m);
    if (fresh.has(fingerprint) || (urlKey && urlKeys.has(urlKey))) continue;
    if (urlKey) urlKeys.add(urlKey);
    fresh.set(fingerprint, {
      id: newId("men"),
      sourceId,
      brand,
      url: m.url ?? null,
      authorHandle: m.authorHandle ?? null,
      authorName: m.authorName ?? null,
      authorEmail: m.authorEmail ?? null,
      text: m.text,
      publishedAt: Math.min(m.publishedAt ?? now, now),
      sentiment: round4(score(m.text).compound),
      reach: m.reach ?? 0,
      fingerprint,
      urlKey,
      handleKey: m.authorHandle ? normaliseHandle(m.authorHandle) || null : null,
      createdAt: now,
    });
  }
  // Already stored by either key: skipped before linking. The unique indexes still decide a race.
  const keys = [...fresh.keys()];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await selectFrom(scope, "mentions")
      .select("fingerprint")
      .where("fingerprint", "in", keys.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) fresh.delete(r.fingerprint);
  }
  const byUrl = new Map([...fresh].flatMap(([fingerprint, m]) => (m.urlKey ? [[m.urlKey, fingerprint]] : [])));
  const urls = [...byUrl.keys()];
  for (let i = 0; i < urls.length; i += CHUNK) {
    const rows = await selectFrom(scope, "mentions")
      .select("urlKey")
      .where("urlKey", "in", urls.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) fresh.delete(byUrl.get(r.urlKey ?? "") ?? "");
  }
  const candidates = [...fresh.values()];
  const contactIds = await linkAuthors(scope, candidates);
  const rows = candidates.map((m, i) => ({ ...m, contactId: contactIds[i] ?? null }));

  let stored = 0;
  const linked = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await insertInto(scope, "mentions", chunk)
      // No conflict target: a clash on either unique key (fingerprint or url) skips the row.
      .onConflict((oc) => oc.doNothing())
      .returning(["contactId"])
      .execute();
    stored += inserted.length;
    for (const r of inserted) if (r.contactId) linked.add(r.contactId);
  }
  const linkedCount = rows.filter((r) => r.contactId).length;
  if (linked.size > 0) await enqueueJob(scope, CONTACTS_CHANGED, { contactIds: [...linked] });

  // The brands this batch touched, and any open episode (it may close now that the day moved on).
  const toCheck = new Map<string, { brand: string; sourceId: string }>();
  if (stored > 0) for (const r of rows) toCheck.set(`${r.brand}\u0000${sourceId}`, { brand: r.brand, sourceId });
  const open = await selectFrom(scope, "mentionAlerts")
    .select(["brand", "sourceId"])
    .where("closedAt", "is", null)
    .execute();
  for (const o of open) toCheck.set(`${o.brand}\u0000${o.sourceId}`, o);
  const alertsRaised = toCheck.size > 0 ? await evaluateAlerts(scope, [...toCheck.values()], settings) : 0;

  return {
    received: mentions.length,
    stored,
    duplicates: mentions.length - filtered - stored,
    filtered,
    linked: Math.min(linkedCount, stored),
    alertsRaised,
  };
}
