import type { ReferenceProfilesTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { setContactAskLimit } from "../asks/index.ts";
import { AppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { bumpMatchVersion } from "./match-index.queries.ts";
import { termKeys } from "./profile.queries.ts";
import { approveRequest, askCandidate, cancelRequest, fileRequest, recordOutcome, respondToAsk } from "./requests.ts";
import { activityMask, normRegion, normTerm, normTerms, type ReferenceActivity, sizeBandOf } from "./vocabulary.ts";

const DAY = 86_400_000;
const COMPETITORS = ["Globex", "Initrode", "Umbrella Analytics", "Hooli CRM", "Vandelay Cloud"];
const PRODUCTS = ["Advocacy Hub", "Referrals", "Reviews", "Community", "Analytics"];
const USE_CASES = ["customer marketing", "referral program", "review generation", "community building", "expansion"];
const RESULTS = [
  "Doubled referral pipeline in two quarters",
  "Cut reference-request turnaround from 9 days to 2",
  "120 new G2 reviews in a quarter",
  "Community answers deflect 30% of tickets",
  "Advocates sourced 18% of new ARR",
  "Replaced three tools with one",
];
const ACTIVITY_SETS: ReferenceActivity[][] = [
  ["reference_call", "video_call"],
  ["reference_call", "case_study", "peer_review"],
  ["reference_call", "site_visit", "speaking"],
  ["reference_call", "press", "analyst_inquiry"],
  ["video_call", "peer_review"],
];
const PROSPECTS = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware", "Adatum"];
const SALES: Actor = { type: "user", id: "demo-sales", name: "Sam Sales" };
const MANAGER: Actor = { type: "user", id: "demo-manager", name: "Marco Manager" };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The demo's reference program: a few hundred profiles drawn from the most engaged contacts, and
 * requests over the last four months in every state, with outcomes and won revenue. Run after
 * scoring so candidates show their advocacy scores.
 */
export async function loadDemoReferences(
  scope: Scope,
  options: { profiles?: number; requests?: number; linkBase?: string | undefined } = {},
) {
  const random = rng(8_2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const some = <T>(list: readonly T[], n: number) => [...list].sort(() => random() - 0.5).slice(0, n);
  const now = scope.clock.now();
  const people = await selectFrom(scope, "contacts")
    .innerJoin("accounts", (j) =>
      j.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    )
    .leftJoin("contactScores", (j) =>
      j.onRef("contactScores.tenantId", "=", "contacts.tenantId").onRef("contactScores.contactId", "=", "contacts.id"),
    )
    .select([
      "contacts.id",
      "contacts.accountId",
      "contacts.locale",
      "accounts.industry",
      "accounts.employeeCount",
      "accounts.region",
      "accounts.country",
    ])
    .where("contacts.lifecycleStage", "in", ["champion", "active", "onboarded"])
    .orderBy("contactScores.score", "desc")
    .orderBy("contacts.id")
    .limit(options.profiles ?? 300)
    .execute();

  const rows: Omit<ReferenceProfilesTable, "tenantId">[] = people.map((p, i) => {
    const activities = pick(ACTIVITY_SETS);
    const employees = p.employeeCount === null ? null : Number(p.employeeCount);
    const blackout = random() < 0.05 ? [{ from: now - 3 * DAY, to: now + 12 * DAY, reason: "parental leave" }] : [];
    return {
      id: newId("rfp"),
      contactId: p.id,
      accountId: p.accountId,
      status: i % 40 === 39 ? "paused" : "active",
      consentAt: random() < 0.95 ? now - Math.floor(random() * 200) * DAY : null,
      consentSource: "demo: advocate hub opt-in",
      activities: JSON.stringify(activities),
      activityMask: activityMask(activities),
      products: JSON.stringify(some(PRODUCTS, 1 + Math.floor(random() * 3))),
      useCases: JSON.stringify(some(USE_CASES, 1 + Math.floor(random() * 2))),
      industry: normTerm(p.industry),
      employeeCount: employees,
      sizeBand: sizeBandOf(employees),
      region: normRegion(p.region),
      country: normRegion(p.country),
      languages: JSON.stringify(normTerms([p.locale?.slice(0, 2) ?? "en", ...(random() < 0.3 ? ["en"] : [])])),
      competitorsReplaced: JSON.stringify(random() < 0.45 ? [pick(COMPETITORS)] : []),
      results: JSON.stringify(some(RESULTS, 1 + Math.floor(random() * 2))),
      availability: pick(["Tue/Thu afternoons", "Mornings, 30 minutes max", "Flexible with a week's notice", null]),
      maxAsksPerQuarter: random() < 0.3 ? 1 + Math.floor(random() * 2) : null,
      blackouts: JSON.stringify(blackout),
      notes: null,
      lastReferenceAt: null,
      referencesGiven: 0,
      updatedBy: JSON.stringify(MANAGER),
      createdAt: now - 150 * DAY,
      updatedAt: now - 150 * DAY,
    };
  });
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    for (let i = 0; i < rows.length; i += 200)
      await insertInto(s, "referenceProfiles", rows.slice(i, i + 200)).execute();
    const terms = rows.flatMap((r) => {
      const keys = termKeys(r);
      return [
        ...normTerms(JSON.parse(r.products) as string[]).map((term) => ({
          field: "product",
          term,
          profileId: r.id,
          ...keys,
        })),
        ...normTerms(JSON.parse(r.competitorsReplaced) as string[]).map((term) => ({
          field: "competitor",
          term,
          profileId: r.id,
          ...keys,
        })),
      ];
    });
    for (let i = 0; i < terms.length; i += 300)
      await insertInto(s, "referenceProfileTerms", terms.slice(i, i + 300)).execute();
    await bumpMatchVersion(
      s,
      rows.map((r) => r.id),
    );
    for (const r of rows)
      if (r.maxAsksPerQuarter !== null) await setContactAskLimit(s, r.contactId, "reference", r.maxAsksPerQuarter);
  });

  // Requests over the last 120 days, oldest first, each moved through the workflow at its own time.
  const total = options.requests ?? 48;
  const industries = [...new Set(people.map((p) => p.industry).filter((x): x is string => Boolean(x)))];
  let opportunity = 1000;
  for (let i = 0; i < total; i++) {
    const filedAt = now - Math.round(((total - i) / total) * 120 * DAY);
    let at = filedAt;
    const at$ = (): Scope => ({ ...scope, clock: { now: () => at } });
    // Late requests stay early in the workflow; older ones mostly reach an outcome.
    const fate =
      i >= total - 4
        ? "submitted"
        : i >= total - 7
          ? "approved"
          : i >= total - 12
            ? "asked"
            : i >= total - 16
              ? "accepted"
              : i % 11 === 5
                ? "cancelled"
                : "done";
    const shareOpportunity = i > 0 && i % 9 === 0;
    const amount = Math.round((15 + random() * 185) * 1000);
    const input = {
      prospectName: `${pick(PROSPECTS)} ${pick(["Bank", "Health", "Retail", "Systems", "Group", "Labs"])}`,
      industry: random() < 0.9 ? pick(industries) : "aerospace",
      employeeCount: Math.round(20 * 500 ** random()),
      region: pick(["NA", "EMEA", "EMEA", "APAC", "LATAM"]),
      competitor: random() < 0.7 ? pick(COMPETITORS) : null,
      products: some(PRODUCTS, 1 + Math.floor(random() * 2)),
      useCase: pick(USE_CASES),
      activity: pick(["reference_call", "reference_call", "video_call", "peer_review"] as const),
      dealAmount: amount,
      stage: pick(["discovery", "evaluation", "proposal", "negotiation"]),
      opportunityId: `006DEMO${shareOpportunity ? opportunity : ++opportunity}`,
      neededBy: new Date(filedAt + (7 + Math.floor(random() * 21)) * DAY).toISOString(),
    };
    const filed = await fileRequest(at$(), input, SALES);
    if (fate === "submitted") continue;
    at += Math.round((2 + random() * 30) * 3_600_000);
    try {
      if (fate === "approved") {
        await approveRequest(at$(), filed.id, {}, MANAGER);
        continue;
      }
      if (fate === "cancelled") {
        await cancelRequest(at$(), filed.id, { reason: "deal paused by the prospect" }, SALES);
        continue;
      }
      let asked = await askCandidate(at$(), filed.id, {}, MANAGER, { linkBase: options.linkBase });
      if (fate === "asked") continue;
      // About a third decline first; the next candidate is asked.
      at += Math.round((4 + random() * 60) * 3_600_000);
      const first = asked.asks[asked.asks.length - 1];
      if (random() < 0.33 && first) {
        await respondToAsk(
          at$(),
          first.id,
          {
            decision: "decline",
            reason: pick(["travelling", "too busy this month", "not comfortable with this competitor"]),
          },
          "link",
        );
        at += Math.round((1 + random() * 10) * 3_600_000);
        asked = await askCandidate(at$(), filed.id, {}, MANAGER, { linkBase: options.linkBase });
        at += Math.round((4 + random() * 40) * 3_600_000);
      }
      const current = asked.asks[asked.asks.length - 1];
      if (!current) continue;
      await respondToAsk(at$(), current.id, { decision: "accept" }, random() < 0.7 ? "link" : "manager");
      if (fate === "accepted") continue;
      at += Math.round((2 + random() * 8) * DAY);
      if (at > now) at = now;
      const noShow = random() < 0.08;
      const deal = random();
      await recordOutcome(
        at$(),
        filed.id,
        noShow
          ? { callStatus: "no_show" }
          : {
              callStatus: "completed",
              dealStatus: deal < 0.45 ? "won" : deal < 0.65 ? "lost" : "open",
              ...(deal < 0.45 ? { wonAmount: Math.round(amount * (0.85 + random() * 0.3)) } : {}),
            },
        MANAGER,
      );
    } catch (error) {
      // No candidate left for an unusual prospect: it stays where it is, as it would for real.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  return { profiles: rows.length, requests: total };
}
