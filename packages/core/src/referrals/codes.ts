import { randomInt } from "node:crypto";
import type { ReferralCodesTable } from "@advo/db";
import { isUniqueViolation } from "@advo/db";
import { requireProgram } from "../programs/index.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { findTenantById } from "../tenants/tenant.queries.ts";
import { type IssueCodeInput, issueCodeInput, type ReferralCode } from "./referral.schemas.ts";
import { assertOpen, assertReferralProgram, ensureWorkspace } from "./settings.ts";

/** No 0/O, 1/I/L or U: codes read aloud or retyped from a screenshot survive. 30 symbols. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 9 symbols of 30: about 44 bits, drawn with crypto.randomInt (no modulo bias). */
export const CODE_LENGTH = 9;

export function generateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Lookups and the unique index ignore case. */
export const codeKeyOf = (code: string) => code.trim().toUpperCase();

export const sharePathOf = (slug: string, code: string) => `/r/${encodeURIComponent(slug)}/${encodeURIComponent(code)}`;

async function slugOf(scope: Scope): Promise<string> {
  const tenant = await findTenantById(scope.db, scope.tenantId);
  return tenant?.slug ?? "";
}

export function toCode(row: ReferralCodesTable, slug: string, baseUrl = ""): ReferralCode {
  const sharePath = sharePathOf(slug, row.code);
  return {
    id: row.id,
    programId: row.programId,
    contactId: row.contactId,
    code: row.code,
    kind: row.kind,
    status: row.status,
    sharePath,
    shareUrl: `${baseUrl.replace(/\/$/, "")}${sharePath}`,
    createdAt: toIso(Number(row.createdAt)),
    updatedAt: toIso(Number(row.updatedAt)),
  };
}

const findCode = (scope: Scope, id: string) =>
  selectFrom(scope, "referralCodes").selectAll().where("id", "=", id).executeTakeFirst();

async function assertContact(scope: Scope, contactId: string) {
  const found = await selectFrom(scope, "contacts").select("id").where("id", "=", contactId).executeTakeFirst();
  if (!found) throw invalidField("contactId", `no contact "${contactId}" in this workspace`);
}

/**
 * Gives an advocate a code in a referral program: a generated one (the advocate's existing active
 * generated code is returned instead of a second one) or a vanity code, unique ignoring case.
 */
export async function issueCode(
  scope: Scope,
  input: IssueCodeInput,
  baseUrl = "",
): Promise<{ code: ReferralCode; created: boolean }> {
  const p = issueCodeInput.parse(input);
  const program = await requireProgram(scope, p.programId);
  assertReferralProgram(program);
  assertOpen(program);
  await assertContact(scope, p.contactId);
  await ensureWorkspace(scope);
  const slug = await slugOf(scope);
  if (!p.vanity) {
    const existing = await selectFrom(scope, "referralCodes")
      .selectAll()
      .where("programId", "=", p.programId)
      .where("contactId", "=", p.contactId)
      .where("kind", "=", "generated")
      .where("status", "=", "active")
      .executeTakeFirst();
    if (existing) return { code: toCode(existing, slug, baseUrl), created: false };
  }
  const now = scope.clock.now();
  for (let attempt = 0; ; attempt++) {
    const code = p.vanity ?? generateCode();
    const row: Omit<ReferralCodesTable, "tenantId"> = {
      id: newId("rcd"),
      programId: p.programId,
      contactId: p.contactId,
      code,
      codeKey: codeKeyOf(code),
      kind: p.vanity ? "vanity" : "generated",
      status: "active",
      createdAt: now,
      updatedAt: now,
    };
    try {
      await insertInto(scope, "referralCodes", row).execute();
      return { code: toCode({ ...row, tenantId: scope.tenantId }, slug, baseUrl), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (p.vanity) throw conflictOn("vanity", `"${p.vanity}" is already taken in this workspace`);
      if (attempt >= 5) throw error;
    }
  }
}

/** Codes for every joined or active member of the program who has no active code yet. */
export async function issueCodesForMembers(scope: Scope, programId: string, baseUrl = "") {
  const program = await requireProgram(scope, programId);
  assertReferralProgram(program);
  const members = await selectFrom(scope, "programMembers")
    .select("contactId")
    .where("programId", "=", programId)
    .where("state", "in", ["joined", "active"])
    .execute();
  const holders = new Set(
    (
      await selectFrom(scope, "referralCodes")
        .select("contactId")
        .where("programId", "=", programId)
        .where("status", "=", "active")
        .execute()
    ).map((r) => r.contactId),
  );
  const issued: ReferralCode[] = [];
  for (const m of members) {
    if (holders.has(m.contactId)) continue;
    issued.push((await issueCode(scope, { programId, contactId: m.contactId }, baseUrl)).code);
  }
  return { issued: issued.length, codes: issued };
}

export async function listCodes(
  scope: Scope,
  query: { programId?: string | undefined; contactId?: string | undefined; status?: string | undefined; limit: number },
  baseUrl = "",
): Promise<ReferralCode[]> {
  let q = selectFrom(scope, "referralCodes").selectAll();
  if (query.programId) q = q.where("programId", "=", query.programId);
  if (query.contactId) q = q.where("contactId", "=", query.contactId);
  if (query.status) q = q.where("status", "=", query.status as ReferralCodesTable["status"]);
  const rows = await q.orderBy("id", "desc").limit(query.limit).execute();
  const slug = await slugOf(scope);
  return rows.map((r) => toCode(r, slug, baseUrl));
}

export async function getCode(scope: Scope, id: string, baseUrl = ""): Promise<ReferralCode> {
  const row = await findCode(scope, id);
  if (!row) throw notFound("referral code", id);
  return toCode(row, await slugOf(scope), baseUrl);
}

/** Pauses, resumes or retires a code. A retired code stays retired; its clicks still redirect. */
export async function setCodeStatus(
  scope: Scope,
  id: string,
  status: ReferralCodesTable["status"],
  baseUrl = "",
): Promise<ReferralCode> {
  const row = await findCode(scope, id);
  if (!row) throw notFound("referral code", id);
  if (row.status === status) return toCode(row, await slugOf(scope), baseUrl);
  if (row.status === "retired") throw new AppError("conflict", "a retired code cannot be reactivated; issue a new one");
  await updateTable(scope, "referralCodes")
    .set({ status, updatedAt: scope.clock.now() })
    .where("id", "=", id)
    .execute();
  return getCode(scope, id, baseUrl);
}
