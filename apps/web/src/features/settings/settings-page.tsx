import { Alert, Tabs } from "@mantine/core";
import { ContactsIcon, KeyIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan, useSession } from "../auth/auth.api.ts";
import { ApiKeysPanel } from "./api-keys-panel.tsx";
import { UsersPanel } from "./users-panel.tsx";

export function SettingsPage() {
  const [tab, setTab] = useUrlParam("tab");
  const canRead = useCan("settings:read");
  const canManage = useCan("settings:manage");
  const session = useSession();
  const current = tab === "users" ? "users" : "api-keys";

  return (
    <>
      <PageHeader title="Settings" description={`Access to ${session.data?.tenant.name ?? "this workspace"}.`} />
      {!canRead ? (
        <Alert color="gray" variant="light" title="Settings are for managers and admins">
          Your role ({session.data?.role}) can use contacts and accounts. Ask an owner or admin to change your role.
        </Alert>
      ) : (
        <Tabs value={current} onChange={(value) => setTab(value === "users" ? "users" : null)} keepMounted={false}>
          <Tabs.List mb="lg">
            <Tabs.Tab value="api-keys" leftSection={<KeyIcon size={16} />}>
              API keys
            </Tabs.Tab>
            <Tabs.Tab value="users" leftSection={<ContactsIcon size={16} />}>
              Users
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="api-keys">
            <ApiKeysPanel canManage={canManage} />
          </Tabs.Panel>
          <Tabs.Panel value="users">
            <UsersPanel canManage={canManage} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
