import type { ReferralClicksTable } from "@advo/db";
import { createProgram } from "../programs/index.ts";
import { insertMembers } from "../programs/program.queries.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope } from "../shared/scope.ts";
import { issueCode } from "./codes.ts";
import { recordConversion } from "./conversions.ts";
import { createLead } from "./leads.ts";
import { PAYOUT_ACTOR, payDueConversions, refundConversion } from "./payouts.ts";
import { hashIp } from "./redirect.ts";
import { ensureWorkspace } from "./settings.ts";

// The demo workspace's referral program: 40 advocates with codes, ~1,300 clicks over the last
// 75 days, leads, conversions (paid, in the hold period, one refunded and clawed back) and a few
// self-referrals and throw-away emails waiting in the review queue.

const DAY = 24 * 60 * 60 * 1000;
const FIRST = [
  "Maya",
  "Leo",
  "Ines",
  "Tom",
  "Aiko",
  "Ravi",
  "Sofia",
  "Noah",
  "Lena",
  "Omar",
  "Zoe",
  "Ivan",
  "Nia",
  "Hugo",
];
const LAST = [
  "Park",
  "Silva",
  "Novak",
  "Reyes",
  "Berg",
  "Okafor",
  "Rossi",
  "Tanaka",
  "Moreau",
  "Khan",
  "Walsh",
  "Costa",
];
const COMPANIES = [
  "brightloop",
  "northwind",
  "quantia",
  "fernhill",
  "lumenworks",
  "tidal",
  "cobaltlabs",
  "orbit",
  "kestrel",
  "meridian",
];
const SOURCES = ["linkedin", "newsletter", "twitter", "slack", "email"];

/** A small deterministic generator, so the demo is the same on every start. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loadDemoReferrals(
  scope: Scope,
  options: { contacts: { id: string; email: string | null; lifecycleStage?: string }[]; advocates?: number },
): Promise<{ programId: string; clicks: number; leads: number; conversions: number }> {
  const random = rng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const now = scope.clock.now();
  const at = (ms: number): Scope => ({ ...scope, clock: { now: () => ms } });

  const program = await createProgram(scope, {
    name: "Refer a friend",
    type: "referral",
    description:
      "<p>Give a friend 10% of their first payment in points, get 500 points (750 from your 6th referral).</p>",
    landingUrl: "https://demo.advo.dev/welcome",
    settings: {
      referral: {
        referrerReward: { type: "fixed", points: 500 },
        tiers: [{ afterReferrals: 5, reward: { type: "fixed", points: 750 } }],
        friendReward: { type: "percent", percent: 10, pointsPerUnit: 1 },
        holdDays: 30,
        minAmount: 50,
        attributionWindowDays: 90,
        attributionRule: "last_click",
        fraudThreshold: 50,
        audience: "business",
      },
    },
  });
  const candidates = options.contacts.filter((c) => c.email && ["champion", "active"].includes(c.lifecycleStage ?? ""));
  const pool = candidates.length >= 10 ? candidates : options.contacts.filter((c) => c.email);
  const count = Math.min(options.advocates ?? 40, pool.length);
  const step = Math.max(1, Math.floor(pool.length / Math.max(1, count)));
  const advocates = Array.from({ length: count }, (_, i) => pool[i * step]).filter((c) => c !== undefined);
  await insertMembers(
    scope,
    advocates.map((a) => ({
      programId: program.id,
      contactId: a.id,
      state: "joined" as const,
      invitedAt: now - 80 * DAY,
      joinedAt: now - 78 * DAY,
      lastActiveAt: null,
      declinedReason: null,
      updatedAt: now - 78 * DAY,
    })),
  );
  const codes = [];
  for (const a of advocates) {
    const { code } = await issueCode(at(now - 78 * DAY), { programId: program.id, contactId: a.id });
    codes.push({ ...code, email: a.email as string });
  }
  const workspace = await ensureWorkspace(scope);

  // Clicks: a few advocates share a lot, most a little (a long tail), plus links with typos.
  const clicks: Omit<ReferralClicksTable, "tenantId">[] = [];
  codes.forEach((code, i) => {
    const n = Math.round(120 / (i + 1) ** 0.9) + Math.floor(random() * 6);
    for (let k = 0; k < n; k++) {
      const createdAt = now - Math.floor(random() * 75 * DAY);
      const id = newId("rck");
      clicks.push({
        id,
        codeId: code.id,
        programId: program.id,
        advocateId: code.contactId,
        codeText: code.code,
        outcome: "attributed",
        deviceId: newId("dev"),
        ipHash: hashIp(workspace.ipSalt, `198.51.100.${Math.floor(random() * 250)}`),
        userAgent: "Mozilla/5.0 (demo)",
        referrer: random() < 0.6 ? `https://${pick(["www.linkedin.com", "mail.google.com", "twitter.com"])}/` : null,
        utm: JSON.stringify({ source: pick(SOURCES), medium: "referral" }),
        landingUrl: `https://demo.advo.dev/welcome?ref=${code.code}&ref_click=${id}`,
        createdAt,
      });
    }
  });
  for (let k = 0; k < 40; k++) {
    clicks.push({
      id: newId("rck"),
      codeId: null,
      programId: null,
      advocateId: null,
      codeText: `${pick(codes).code.slice(0, 6)}X`,
      outcome: "unknown_code",
      deviceId: newId("dev"),
      ipHash: hashIp(workspace.ipSalt, `203.0.113.${k}`),
      userAgent: "Mozilla/5.0 (demo)",
      referrer: null,
      utm: "{}",
      landingUrl: "https://demo.advo.dev/welcome",
      createdAt: now - Math.floor(random() * 75 * DAY),
    });
  }
  clicks.sort((a, b) => a.createdAt - b.createdAt);
  for (let i = 0; i < clicks.length; i += 500)
    await insertInto(scope, "referralClicks", clicks.slice(i, i + 500)).execute();

  // About one click in eight leaves an email; about a third of those buy.
  const attributed = clicks.filter((c) => c.codeId);
  let leads = 0;
  let conversions = 0;
  let toRefund: string | undefined;
  for (const [i, c] of attributed.entries()) {
    if (random() > 0.13) continue;
    const code = codes.find((x) => x.id === c.codeId);
    if (!code) continue;
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = pick(COMPANIES);
    const email = `${first}.${last}${i}@${company}.com`.toLowerCase();
    const leadAt = c.createdAt + Math.floor(random() * 2 * DAY);
    if (leadAt > now) continue;
    const { lead } = await createLead(
      at(leadAt),
      { code: code.code, clickId: c.id, email, name: `${first} ${last}`, company },
      { deviceId: c.deviceId },
    );
    leads++;
    if (random() > 0.35) continue;
    const paidAt = leadAt + Math.floor((1 + random() * 20) * DAY);
    if (paidAt > now) continue;
    const conversion = await recordConversion(at(paidAt), {
      externalId: `demo-order-${1000 + i}`,
      amount: pick([49, 99, 199, 490, 990, 1990]),
      currency: "USD",
      leadId: lead.id,
      email,
    });
    conversions++;
    if (conversion.status === "held" && paidAt < now - 45 * DAY) toRefund ??= conversion.id;
  }

  // What the review queue is for: self-referrals and throw-away inboxes.
  for (const [k, code] of codes.slice(0, 3).entries()) {
    const when = now - (3 + k) * DAY;
    const { lead } = await createLead(at(when), { code: code.code, email: code.email, name: "Same Person" });
    leads++;
    if (k < 2) {
      await recordConversion(at(when + DAY), {
        externalId: `demo-order-self-${k}`,
        amount: 199,
        currency: "USD",
        leadId: lead.id,
      });
      conversions++;
    }
  }
  for (const [k, domain] of ["mailinator.com", "yopmail.com"].entries()) {
    const code = codes[5 + k] ?? codes[0];
    if (!code) break;
    await createLead(at(now - (2 + k) * DAY), { code: code.code, email: `freebie${k}@${domain}` });
    leads++;
  }

  // Conversions whose hold period is over are paid now; the rest wait for the worker.
  await payDueConversions(scope);
  // One customer asked for their money back after the rewards were paid: clawed back through the ledger.
  if (toRefund)
    await refundConversion(scope, toRefund, { reason: "customer cancelled and was refunded" }, PAYOUT_ACTOR);
  return { programId: program.id, clicks: clicks.length, leads, conversions };
}
