import { Alert, Stack, Tabs } from "@mantine/core";
import {
  ClockIcon,
  ContactsIcon,
  FlagIcon,
  HistoryIcon,
  KeyIcon,
  PlugIcon,
  ShieldIcon,
  SlidersIcon,
} from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan, useSession } from "../auth/auth.api.ts";
import { CompliancePanel } from "../programs/compliance-panel.tsx";
import { PropensityPanel } from "../scoring/propensity-panel.tsx";
import { WeightsPanel } from "../scoring/weights-panel.tsx";
import { SourcesPanel } from "../signals/sources-panel.tsx";
import { ApiKeysPanel } from "./api-keys-panel.tsx";
import { FatiguePanel } from "./fatigue-panel.tsx";
import { JobsPanel } from "./jobs-panel.tsx";
import { SsoPanel } from "./sso-panel.tsx";
import { UsersPanel } from "./users-panel.tsx";

const tabs = ["api-keys", "users", "sources", "scoring", "compliance", "ask-fatigue", "jobs", "sso"] as const;
type Tab = (typeof tabs)[number];

export function SettingsPage() {
  const [tab, setTab] = useUrlParam("tab");
  const canRead = useCan("settings:read");
  const canManage = useCan("settings:manage");
  const session = useSession();
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "api-keys";

  return (
    <>
      <PageHeader
        title="Settings"
        description={`Access, data sources and scoring for ${session.data?.tenant.name ?? "this workspace"}.`}
      />
      {!canRead ? (
        <Alert color="gray" variant="light" title="Settings are for managers and admins">
          Your role ({session.data?.role}) can use contacts and accounts. Ask an owner or admin to change your role.
        </Alert>
      ) : (
        <Tabs value={current} onChange={(value) => setTab(value === "api-keys" ? null : value)} keepMounted={false}>
          <Tabs.List mb="lg" className="scroll-tabs">
            <Tabs.Tab value="api-keys" leftSection={<KeyIcon size={16} />}>
              API keys
            </Tabs.Tab>
            <Tabs.Tab value="users" leftSection={<ContactsIcon size={16} />}>
              Users
            </Tabs.Tab>
            <Tabs.Tab value="sources" leftSection={<PlugIcon size={16} />}>
              Sources
            </Tabs.Tab>
            <Tabs.Tab value="scoring" leftSection={<SlidersIcon size={16} />}>
              Scoring
            </Tabs.Tab>
            <Tabs.Tab value="compliance" leftSection={<FlagIcon size={16} />}>
              Compliance
            </Tabs.Tab>
            <Tabs.Tab value="ask-fatigue" leftSection={<ClockIcon size={16} />}>
              Ask fatigue
            </Tabs.Tab>
            <Tabs.Tab value="jobs" leftSection={<HistoryIcon size={16} />}>
              Background jobs
            </Tabs.Tab>
            {canManage ? (
              <Tabs.Tab value="sso" leftSection={<ShieldIcon size={16} />}>
                Single sign-on
              </Tabs.Tab>
            ) : null}
          </Tabs.List>
          <Tabs.Panel value="api-keys">
            <ApiKeysPanel canManage={canManage} />
          </Tabs.Panel>
          <Tabs.Panel value="users">
            <UsersPanel canManage={canManage} />
          </Tabs.Panel>
          <Tabs.Panel value="sources">
            <SourcesPanel canManage={canManage} />
          </Tabs.Panel>
          <Tabs.Panel value="scoring">
            <Stack gap="lg">
              <WeightsPanel canManage={canManage} />
              <PropensityPanel canManage={canManage} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="compliance">
            <CompliancePanel canManage={canManage} />
          </Tabs.Panel>
          <Tabs.Panel value="ask-fatigue">
            <FatiguePanel canManage={canManage} />
          </Tabs.Panel>
          <Tabs.Panel value="jobs">
            <JobsPanel canManage={canManage} />
          </Tabs.Panel>
          {canManage ? (
            <Tabs.Panel value="sso">
              <SsoPanel />
            </Tabs.Panel>
          ) : null}
        </Tabs>
      )}
    </>
  );
}
