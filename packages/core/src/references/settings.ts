import type { Scope } from "../shared/scope.ts";
import { getTenantSetting, getTenantSettingCached, setTenantSetting } from "../tenants/index.ts";
import { type ReferenceSettings, type ReferenceSettingsInput, referenceSettings } from "./reference.schemas.ts";

const KEY = "references";

export async function getReferenceSettings(scope: Scope): Promise<ReferenceSettings> {
  const stored = await getTenantSetting<unknown>(scope.db, scope.tenantId, KEY);
  const parsed = referenceSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : referenceSettings.parse({});
}

/** The same, read at most once per few seconds per tenant in this process (matching's hot path). */
export async function cachedReferenceSettings(scope: Scope): Promise<ReferenceSettings> {
  const stored = await getTenantSettingCached<unknown>(scope.db, scope.tenantId, KEY);
  const parsed = referenceSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : referenceSettings.parse({});
}

export async function setReferenceSettings(scope: Scope, input: ReferenceSettingsInput): Promise<ReferenceSettings> {
  const settings = referenceSettings.parse(input);
  await setTenantSetting(scope.db, scope.tenantId, KEY, settings);
  return settings;
}
