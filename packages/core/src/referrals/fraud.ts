import { readFileSync } from "node:fs";
import { packageFile } from "../shared/package-file.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import type { FraudSignal, ReferralSettings } from "./referral.schemas.ts";

// Fraud signals: each is named, worth a fixed number of points and explained in a sentence. The
// score is their sum, capped at 100; at or above the program's threshold the lead or conversion
// goes to the review queue (never dropped, never paid until a reviewer approves it).

export const SIGNAL_POINTS = {
  self_email: 100,
  self_device: 80,
  disposable_email: 60,
  self_domain: 50,
  self_ip: 40,
  device_reuse: 40,
  existing_customer: 40,
  duplicate_lead: 30,
  velocity: 30,
  ip_reuse: 25,
} as const;
export type SignalName = keyof typeof SIGNAL_POINTS;

const DISPOSABLE = new Set(
  readFileSync(packageFile("@advo/core", "src/referrals/disposable-domains.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith("#")),
);

/** Webmail domains many unrelated people share: the same-domain check ignores them. */
const WEBMAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.fr",
  "ymail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "yandex.ru",
  "yandex.com",
  "mail.ru",
  "zoho.com",
  "qq.com",
  "163.com",
  "126.com",
  "orange.fr",
  "free.fr",
  "comcast.net",
  "btinternet.com",
  "fastmail.com",
  "hey.com",
]);

export const disposableDomainCount = () => DISPOSABLE.size;

export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export function isDisposable(domain: string, extra: readonly string[] = []): boolean {
  // Subdomains of a listed domain count too (x.mailinator.com).
  const parts = domain.toLowerCase().split(".");
  for (let i = 0; i < parts.length - 1; i++) {
    const d = parts.slice(i).join(".");
    if (DISPOSABLE.has(d) || extra.includes(d)) return true;
  }
  return false;
}

export const isWebmail = (domain: string) => WEBMAIL.has(domain.toLowerCase());

export function signal(name: SignalName, detail: string): FraudSignal {
  return { signal: name, points: SIGNAL_POINTS[name], detail };
}

export const scoreOf = (signals: readonly FraudSignal[]) =>
  Math.min(
    100,
    signals.reduce((sum, s) => sum + s.points, 0),
  );

/** Signals about a friend's email against the advocate's: self-referral, same domain, throw-away inbox. */
export function emailSignals(
  friendEmail: string,
  advocateEmail: string | null,
  settings: ReferralSettings,
  what = "the friend's email",
): FraudSignal[] {
  const out: FraudSignal[] = [];
  const domain = domainOf(friendEmail);
  if (advocateEmail && friendEmail === advocateEmail.toLowerCase()) {
    out.push(signal("self_email", `${what} ${friendEmail} is the advocate's own`));
  } else if (
    advocateEmail &&
    settings.audience === "consumer" &&
    domain === domainOf(advocateEmail) &&
    !isWebmail(domain)
  ) {
    out.push(signal("self_domain", `${what} is on the advocate's own domain ${domain} (consumer program)`));
  }
  if (isDisposable(domain, settings.extraDisposableDomains)) {
    out.push(signal("disposable_email", `${domain} is a disposable-email domain`));
  }
  return out;
}

/** The device or IP hash was seen on the advocate before. */
export async function fingerprintSignals(
  scope: Scope,
  advocateId: string,
  deviceId: string | null,
  ipHash: string | null,
): Promise<FraudSignal[]> {
  const probes: { kind: "device" | "ip"; value: string }[] = [];
  if (deviceId) probes.push({ kind: "device", value: deviceId });
  if (ipHash) probes.push({ kind: "ip", value: ipHash });
  if (probes.length === 0) return [];
  const rows = await selectFrom(scope, "referralFingerprints")
    .select(["kind"])
    .where("contactId", "=", advocateId)
    .where((eb) => eb.or(probes.map((p) => eb.and([eb("kind", "=", p.kind), eb("value", "=", p.value)]))))
    .execute();
  const out: FraudSignal[] = [];
  if (rows.some((r) => r.kind === "device"))
    out.push(signal("self_device", "the same browser (advo_rid cookie) was seen on the advocate"));
  if (rows.some((r) => r.kind === "ip")) out.push(signal("self_ip", "the same IP address was seen on the advocate"));
  return out;
}

const HOUR_MS = 60 * 60 * 1000;

/** Signals from earlier leads: reused device or IP on this code, duplicates, velocity, existing customers. */
export async function leadHistorySignals(
  scope: Scope,
  lead: { programId: string; codeId: string; email: string; deviceId: string | null; ipHash: string | null },
  settings: ReferralSettings,
): Promise<FraudSignal[]> {
  const now = scope.clock.now();
  const out: FraudSignal[] = [];
  const onCode = await selectFrom(scope, "referralLeads")
    .select(["email", "deviceId", "ipHash", "createdAt"])
    .where("codeId", "=", lead.codeId)
    .where("createdAt", ">=", now - 24 * HOUR_MS)
    .execute();
  if (lead.deviceId && onCode.some((l) => l.deviceId === lead.deviceId && l.email !== lead.email)) {
    out.push(signal("device_reuse", "this browser already sent a lead with another email on this code"));
  }
  if (lead.ipHash) {
    const others = new Set(
      onCode.filter((l) => l.ipHash === lead.ipHash && l.email !== lead.email).map((l) => l.email),
    );
    if (others.size >= 2)
      out.push(signal("ip_reuse", `${others.size} other emails came from this IP address on this code today`));
  }
  const lastHour = onCode.filter((l) => Number(l.createdAt) >= now - HOUR_MS).length;
  if (lastHour >= settings.velocity.leadsPerHour) {
    out.push(
      signal("velocity", `${lastHour} leads on this code in the last hour (limit ${settings.velocity.leadsPerHour})`),
    );
  } else if (onCode.length >= settings.velocity.leadsPerDay) {
    out.push(
      signal(
        "velocity",
        `${onCode.length} leads on this code in the last 24 hours (limit ${settings.velocity.leadsPerDay})`,
      ),
    );
  }
  const elsewhere = await selectFrom(scope, "referralLeads")
    .select(["codeId"])
    .where("email", "=", lead.email)
    .where("programId", "=", lead.programId)
    .where("codeId", "!=", lead.codeId)
    .limit(1)
    .executeTakeFirst();
  if (elsewhere) out.push(signal("duplicate_lead", "this email is already a lead of another advocate in this program"));
  const customer = await selectFrom(scope, "identities")
    .innerJoin("purchases", (join) =>
      join
        .onRef("purchases.tenantId", "=", "identities.tenantId")
        .onRef("purchases.contactId", "=", "identities.contactId"),
    )
    .select("identities.contactId")
    .where("identities.kind", "=", "email")
    .where("identities.value", "=", lead.email)
    .limit(1)
    .executeTakeFirst();
  if (customer) out.push(signal("existing_customer", "this email belongs to someone who has already bought"));
  return out;
}
