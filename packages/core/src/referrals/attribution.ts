import type { ProgramsTable } from "@advo/db";
import { toIso } from "../shared/clock.ts";
import { invalidField } from "../shared/errors.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { codeKeyOf } from "./codes.ts";
import type { Attribution, ReferralSettings } from "./referral.schemas.ts";
import { DAY_MS, settingsOf } from "./settings.ts";

// Which advocate gets the credit when several touched the same customer: every touch (a lead with
// the customer's email or id, a click by their id or browser, a code typed at checkout) inside its
// program's attribution window is a candidate; the program's rule picks the last (default) or the
// first. The touches, the rule and a sentence saying why are stored with the conversion.

interface RawTouch {
  kind: "lead" | "click" | "code";
  id: string;
  codeId: string;
  programId: string;
  advocateId: string;
  at: number;
}

export interface AttributionResult {
  attribution: Attribution;
  chosen: RawTouch | null;
  program: ProgramsTable | null;
  settings: ReferralSettings | null;
}

export interface TouchQuery {
  convertedAt: number;
  email?: string | undefined;
  leadId?: string | undefined;
  clickId?: string | undefined;
  code?: string | undefined;
  deviceId?: string | undefined;
  programId?: string | undefined;
}

async function gatherTouches(scope: Scope, q: TouchQuery): Promise<RawTouch[]> {
  const touches: RawTouch[] = [];
  const leadFields = ["id", "codeId", "programId", "advocateId", "createdAt", "email"] as const;
  if (q.leadId) {
    const lead = await selectFrom(scope, "referralLeads")
      .select(leadFields)
      .where("id", "=", q.leadId)
      .executeTakeFirst();
    if (!lead) throw invalidField("leadId", `no referral lead "${q.leadId}" in this workspace`);
    touches.push({ kind: "lead", ...lead, at: Number(lead.createdAt) });
  }
  if (q.email) {
    const leads = await selectFrom(scope, "referralLeads").select(leadFields).where("email", "=", q.email).execute();
    for (const lead of leads) touches.push({ kind: "lead", ...lead, at: Number(lead.createdAt) });
  }
  const clickFields = ["id", "codeId", "programId", "advocateId", "createdAt"] as const;
  const pushClicks = (
    rows: {
      id: string;
      codeId: string | null;
      programId: string | null;
      advocateId: string | null;
      createdAt: number;
    }[],
  ) => {
    for (const c of rows)
      if (c.codeId && c.programId && c.advocateId)
        touches.push({
          kind: "click",
          id: c.id,
          codeId: c.codeId,
          programId: c.programId,
          advocateId: c.advocateId,
          at: Number(c.createdAt),
        });
  };
  if (q.clickId) {
    pushClicks(await selectFrom(scope, "referralClicks").select(clickFields).where("id", "=", q.clickId).execute());
  }
  if (q.deviceId) {
    pushClicks(
      await selectFrom(scope, "referralClicks")
        .select(clickFields)
        .where("deviceId", "=", q.deviceId)
        .where("outcome", "=", "attributed")
        .execute(),
    );
  }
  if (q.code) {
    const code = await selectFrom(scope, "referralCodes")
      .select(["id", "programId", "contactId", "status"])
      .where("codeKey", "=", codeKeyOf(q.code))
      .executeTakeFirst();
    if (!code) throw invalidField("code", "is not a referral code of this workspace");
    if (code.status !== "retired")
      touches.push({
        kind: "code",
        id: code.id,
        codeId: code.id,
        programId: code.programId,
        advocateId: code.contactId,
        at: q.convertedAt,
      });
  }
  const seen = new Set<string>();
  return touches.filter((t) => {
    const key = `${t.kind}:${t.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const day = (ms: number) => toIso(ms).slice(0, 10);

export async function attribute(scope: Scope, q: TouchQuery): Promise<AttributionResult> {
  const all = await gatherTouches(scope, q);
  const programIds = [...new Set(all.map((t) => t.programId))];
  const programs = new Map<string, ProgramsTable>();
  if (programIds.length > 0) {
    for (const p of await selectFrom(scope, "programs").selectAll().where("id", "in", programIds).execute())
      programs.set(p.id, p);
  }
  const codeIds = [...new Set(all.map((t) => t.codeId))];
  const codeText = new Map<string, string>();
  if (codeIds.length > 0) {
    for (const c of await selectFrom(scope, "referralCodes")
      .select(["id", "code"])
      .where("id", "in", codeIds)
      .execute())
      codeText.set(c.id, c.code);
  }
  const latestAllowed = Math.max(q.convertedAt, scope.clock.now());
  const touches = all
    .filter((t) => (!q.programId || t.programId === q.programId) && programs.get(t.programId)?.type === "referral")
    .filter((t) => {
      const windowDays = settingsOf(programs.get(t.programId) as ProgramsTable).attributionWindowDays;
      return t.at >= q.convertedAt - windowDays * DAY_MS && t.at <= latestAllowed;
    })
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const out = (t: RawTouch) => ({ ...t, code: codeText.get(t.codeId) ?? "", at: toIso(t.at) });
  if (touches.length === 0) {
    return {
      attribution: {
        rule: null,
        windowDays: null,
        chosen: null,
        touches: [],
        explanation:
          all.length > 0
            ? "Referral touches were found, but none inside their program's attribution window: not a referral."
            : "No referral link, lead or code matches this customer: not a referral.",
      },
      chosen: null,
      program: null,
      settings: null,
    };
  }
  const latest = touches[touches.length - 1] as RawTouch;
  const program = programs.get(q.programId ?? latest.programId) as ProgramsTable;
  const settings = settingsOf(program);
  const chosen = settings.attributionRule === "first_click" ? (touches[0] as RawTouch) : latest;
  const advocates = new Set(touches.map((t) => t.advocateId));
  const code = codeText.get(chosen.codeId) ?? chosen.codeId;
  const ruleText = settings.attributionRule === "first_click" ? "first click" : "last click";
  const explanation =
    advocates.size > 1
      ? `${advocates.size} advocates touched this customer within ${settings.attributionWindowDays} days; by ${ruleText}, ` +
        `code ${code} (${chosen.kind} on ${day(chosen.at)}) gets the credit.`
      : `Code ${code} (${chosen.kind} on ${day(chosen.at)}) is the only referral within ${settings.attributionWindowDays} days` +
        (touches.length > 1 ? ` (${touches.length} touches, ${ruleText}).` : ".");
  return {
    attribution: {
      rule: settings.attributionRule,
      windowDays: settings.attributionWindowDays,
      chosen: out(chosen),
      touches: touches.map(out),
      explanation,
    },
    chosen,
    program,
    settings,
  };
}
