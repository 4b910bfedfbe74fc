import type { Scope } from "../../shared/scope.ts";
import { getTenantSetting, setTenantSetting } from "../../tenants/index.ts";
import { type ListeningSettings, type ListeningSettingsInput, listeningSettings } from "./mention.schemas.ts";

const KEY = "listening";

/** The workspace's brand rules and alert settings (defaults when never set). */
export async function getListeningSettings(scope: Scope): Promise<ListeningSettings> {
  const stored = await getTenantSetting<unknown>(scope.db, scope.tenantId, KEY);
  const parsed = listeningSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : listeningSettings.parse({});
}

export async function setListeningSettings(scope: Scope, input: ListeningSettingsInput): Promise<ListeningSettings> {
  const settings = listeningSettings.parse(input);
  await setTenantSetting(scope.db, scope.tenantId, KEY, settings);
  return settings;
}
