import { randomBytes } from "node:crypto";
import type { ProgramsTable } from "@advo/db";
import { AppError, invalidField } from "../shared/errors.ts";
import { parseJsonObject } from "../shared/json.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { type ReferralSettings, type ReferralSettingsInput, referralSettings } from "./referral.schemas.ts";

// A referral program's rules live in its settings JSON under "referral" (validated here, defaults
// filled in when read), so the programs module stays the one owner of programs. The workspace-wide
// part (IP-hash salt, default landing page) is one row of referral_workspaces.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The program's referral rules with defaults; a stored document that no longer validates falls back to defaults. */
export function settingsOf(program: Pick<ProgramsTable, "settings">): ReferralSettings {
  const raw = parseJsonObject<{ referral?: unknown }>(program.settings).referral ?? {};
  const parsed = referralSettings.safeParse(raw);
  return parsed.success ? parsed.data : referralSettings.parse({});
}

/** Validates and merges rules into the program's settings JSON (other keys are kept). */
export function mergeSettings(program: Pick<ProgramsTable, "settings">, input: ReferralSettingsInput) {
  const parsed = referralSettings.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidField(issue?.path.join(".") || "body", issue?.message ?? "is not valid");
  }
  const all = parseJsonObject<Record<string, unknown>>(program.settings);
  return { settings: { ...all, referral: parsed.data }, referral: parsed.data };
}

export function assertReferralProgram(program: ProgramsTable) {
  if (program.type !== "referral") throw invalidField("programId", `program "${program.id}" is not a referral program`);
}

export function assertOpen(program: ProgramsTable) {
  if (program.status === "archived") throw new AppError("conflict", "the program is archived");
}

/** The workspace's referral row, created with a fresh random salt the first time it is needed. */
export async function ensureWorkspace(scope: Scope) {
  const found = await selectFrom(scope, "referralWorkspaces").selectAll().executeTakeFirst();
  if (found) return found;
  const now = scope.clock.now();
  await insertInto(scope, "referralWorkspaces", {
    ipSalt: randomBytes(32).toString("hex"),
    defaultLandingUrl: null,
    createdAt: now,
    updatedAt: now,
  })
    .onConflict((oc) => oc.column("tenantId").doNothing())
    .execute();
  return selectFrom(scope, "referralWorkspaces").selectAll().executeTakeFirstOrThrow();
}

export async function getWorkspaceSettings(scope: Scope) {
  const row = await ensureWorkspace(scope);
  return { defaultLandingUrl: row.defaultLandingUrl };
}

export async function setWorkspaceSettings(scope: Scope, input: { defaultLandingUrl: string | null }) {
  await ensureWorkspace(scope);
  await updateTable(scope, "referralWorkspaces")
    .set({ defaultLandingUrl: input.defaultLandingUrl, updatedAt: scope.clock.now() })
    .execute();
  return getWorkspaceSettings(scope);
}
