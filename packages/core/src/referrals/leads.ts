import type { Db, ReferralLeadsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { findProgram } from "../programs/program.queries.ts";
import { type Clock, toIso, toIsoOrNull } from "../shared/clock.ts";
import { invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, withDb } from "../shared/scope.ts";
import { findTenantBySlug } from "../tenants/tenant.queries.ts";
import { codeKeyOf } from "./codes.ts";
import { domainOf, emailSignals, fingerprintSignals, leadHistorySignals, scoreOf } from "./fraud.ts";
import { hashIp } from "./redirect.ts";
import { type FraudSignal, type Lead, type LeadInput, leadInput } from "./referral.schemas.ts";
import { ensureWorkspace, settingsOf } from "./settings.ts";

export const parseSignals = (json: string): FraudSignal[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as FraudSignal[]) : [];
  } catch {
    return [];
  }
};

export const reviewOf = (row: {
  reviewState: ReferralLeadsTable["reviewState"];
  reviewedBy: string | null;
  reviewedAt: number | null;
  reviewNote: string | null;
}) => ({
  state: row.reviewState,
  by: row.reviewedBy,
  at: toIsoOrNull(row.reviewedAt === null ? null : Number(row.reviewedAt)),
  note: row.reviewNote,
});

export const toLead = (row: ReferralLeadsTable): Lead => ({
  id: row.id,
  programId: row.programId,
  codeId: row.codeId,
  advocateId: row.advocateId,
  clickId: row.clickId,
  email: row.email,
  name: row.name,
  company: row.company,
  contactId: row.contactId,
  fraudScore: Number(row.fraudScore),
  fraudSignals: parseSignals(row.fraudSignals),
  review: reviewOf(row),
  createdAt: toIso(Number(row.createdAt)),
});

/** Remembers that a known person uses this device or IP (self-referral checks compare against it). */
export async function recordFingerprint(
  scope: Scope,
  contactId: string,
  seen: { deviceId?: string | null | undefined; ipHash?: string | null | undefined },
) {
  const now = scope.clock.now();
  const rows = [
    ...(seen.deviceId ? [{ kind: "device" as const, value: seen.deviceId }] : []),
    ...(seen.ipHash ? [{ kind: "ip" as const, value: seen.ipHash }] : []),
  ].map((r) => ({ ...r, contactId, lastSeenAt: now }));
  if (rows.length === 0) return;
  await insertInto(scope, "referralFingerprints", rows)
    .onConflict((oc) => oc.columns(["tenantId", "kind", "value", "contactId"]).doUpdateSet({ lastSeenAt: now }))
    .execute();
}

/** The tenant's app reports a signed-in person's device or IP: `POST /api/v1/referrals/fingerprints`. */
export async function recordAdvocateFingerprint(
  scope: Scope,
  input: { contactId: string; deviceId?: string | undefined; ip?: string | undefined },
) {
  const contact = await selectFrom(scope, "contacts").select("id").where("id", "=", input.contactId).executeTakeFirst();
  if (!contact) throw notFound("contact", input.contactId);
  const workspace = await ensureWorkspace(scope);
  await recordFingerprint(scope, input.contactId, {
    deviceId: input.deviceId ?? null,
    ipHash: input.ip ? hashIp(workspace.ipSalt, input.ip) : null,
  });
  return { recorded: true as const };
}

async function resolveCode(scope: Scope, code: string | undefined, clickId: string | undefined) {
  if (clickId) {
    const click = await selectFrom(scope, "referralClicks")
      .select(["codeId"])
      .where("id", "=", clickId)
      .executeTakeFirst();
    if (click?.codeId) {
      const row = await selectFrom(scope, "referralCodes")
        .selectAll()
        .where("id", "=", click.codeId)
        .executeTakeFirst();
      if (row && (!code || codeKeyOf(code) === row.codeKey)) return row;
    }
  }
  if (!code) throw invalidField("clickId", "is not a click on an active referral code");
  return selectFrom(scope, "referralCodes").selectAll().where("codeKey", "=", codeKeyOf(code)).executeTakeFirst();
}

/**
 * A friend left their email after following a referral link. The same email on the same code is the
 * same lead (answered again, nothing added). Scored for fraud; at or above the program's threshold
 * it waits in the review queue.
 */
export async function createLead(
  scope: Scope,
  input: Omit<LeadInput, "workspace">,
  context: { ip?: string | undefined; deviceId?: string | undefined } = {},
): Promise<{ lead: Lead; created: boolean }> {
  const p = leadInput.parse({ ...input, workspace: "-" });
  const code = await resolveCode(scope, p.code, p.clickId);
  if (code?.status !== "active") throw invalidField("code", "is not an active referral code");
  const program = await findProgram(scope, code.programId);
  if (program?.status !== "active") throw invalidField("code", "its program is not running");
  const existing = await selectFrom(scope, "referralLeads")
    .selectAll()
    .where("codeId", "=", code.id)
    .where("email", "=", p.email)
    .executeTakeFirst();
  if (existing) return { lead: toLead(existing), created: false };

  const settings = settingsOf(program);
  const workspace = await ensureWorkspace(scope);
  const deviceId = p.deviceId ?? context.deviceId ?? null;
  const ipHash = context.ip ? hashIp(workspace.ipSalt, context.ip) : null;
  const advocate = await selectFrom(scope, "contacts")
    .select(["email"])
    .where("id", "=", code.contactId)
    .executeTakeFirst();
  const draft = { programId: program.id, codeId: code.id, email: p.email, deviceId, ipHash };
  const signals = [
    ...emailSignals(p.email, advocate?.email ?? null, settings),
    ...(await fingerprintSignals(scope, code.contactId, deviceId, ipHash)),
    ...(await leadHistorySignals(scope, draft, settings)),
  ];
  const score = scoreOf(signals);
  const row: Omit<ReferralLeadsTable, "tenantId"> = {
    id: newId("rld"),
    programId: program.id,
    codeId: code.id,
    advocateId: code.contactId,
    clickId: p.clickId ?? null,
    email: p.email,
    emailDomain: domainOf(p.email),
    name: p.name || null,
    company: p.company || null,
    deviceId,
    ipHash,
    contactId: null,
    fraudScore: score,
    fraudSignals: JSON.stringify(signals),
    reviewState: score >= settings.fraudThreshold ? "pending" : "none",
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    createdAt: scope.clock.now(),
  };
  const known = await selectFrom(scope, "identities")
    .select("contactId")
    .where("kind", "=", "email")
    .where("value", "=", p.email)
    .executeTakeFirst();
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    await insertInto(s, "referralLeads", { ...row, contactId: known?.contactId ?? null }).execute();
    // A known person's device and IP are remembered: if they refer themselves later, it shows.
    if (known) await recordFingerprint(s, known.contactId, { deviceId, ipHash });
  });
  return { lead: toLead({ ...row, contactId: known?.contactId ?? null, tenantId: scope.tenantId }), created: true };
}

/** The public lead capture (the snippet's form post): the workspace is named by its slug. */
export async function captureLead(
  db: Db,
  clock: Clock,
  input: LeadInput,
  context: { ip?: string | undefined; deviceId?: string | undefined } = {},
): Promise<{ lead: Lead; created: boolean }> {
  const p = leadInput.parse(input);
  const tenant = await findTenantBySlug(db, p.workspace);
  if (!tenant) throw invalidField("workspace", "is not a workspace");
  const { workspace: _, ...rest } = p;
  return createLead({ db, clock, tenantId: tenant.tenantId }, rest, context);
}

export async function getLead(scope: Scope, id: string): Promise<Lead> {
  const row = await selectFrom(scope, "referralLeads").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("referral lead", id);
  return toLead(row);
}

export async function listLeads(
  scope: Scope,
  query: { programId?: string | undefined; advocateId?: string | undefined; limit: number },
): Promise<Lead[]> {
  let q = selectFrom(scope, "referralLeads").selectAll();
  if (query.programId) q = q.where("programId", "=", query.programId);
  if (query.advocateId) q = q.where("advocateId", "=", query.advocateId);
  return (await q.orderBy("id", "desc").limit(query.limit).execute()).map(toLead);
}
