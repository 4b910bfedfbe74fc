import { Button, Tabs } from "@mantine/core";
import { Link } from "react-router";
import { ContactsIcon, GaugeIcon, PlusIcon, QuoteIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { ProfilesPanel } from "./profiles-panel.tsx";
import { ReportsPanel } from "./reports-panel.tsx";
import { RequestBoard } from "./request-board.tsx";

const tabs = ["board", "profiles", "reports"] as const;
type Tab = (typeof tabs)[number];

export function ReferencesPage() {
  const [tab, setTab] = useUrlParam("tab");
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "board";
  const canManage = useCan("references:manage");
  const canReport = useCan("programs:read");
  return (
    <>
      <PageHeader
        title="References"
        description="Requests from sales by state with their SLAs, the reference profiles, and what references are worth."
        actions={
          <Button component={Link} to="/reference-desk" leftSection={<PlusIcon size={16} />} variant="light">
            File a request
          </Button>
        }
      />
      <Tabs value={current} onChange={(value) => setTab(value === "board" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="board" leftSection={<QuoteIcon size={16} />}>
            Requests
          </Tabs.Tab>
          <Tabs.Tab value="profiles" leftSection={<ContactsIcon size={16} />}>
            Profiles
          </Tabs.Tab>
          {canReport ? (
            <Tabs.Tab value="reports" leftSection={<GaugeIcon size={16} />}>
              Reports
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="board">
          <RequestBoard />
        </Tabs.Panel>
        <Tabs.Panel value="profiles">
          <ProfilesPanel canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <ReportsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
