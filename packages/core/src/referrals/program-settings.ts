import { requireProgram, updateProgram } from "../programs/index.ts";
import type { Scope } from "../shared/scope.ts";
import type { ReferralSettings, ReferralSettingsInput } from "./referral.schemas.ts";
import { assertReferralProgram, mergeSettings, settingsOf } from "./settings.ts";

export async function getReferralSettings(scope: Scope, programId: string): Promise<ReferralSettings> {
  const program = await requireProgram(scope, programId);
  assertReferralProgram(program);
  return settingsOf(program);
}

export async function setReferralSettings(
  scope: Scope,
  programId: string,
  input: ReferralSettingsInput,
): Promise<ReferralSettings> {
  const program = await requireProgram(scope, programId);
  assertReferralProgram(program);
  const { settings, referral } = mergeSettings(program, input);
  await updateProgram(scope, programId, { settings });
  return referral;
}
