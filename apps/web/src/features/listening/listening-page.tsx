import { Badge, Tabs } from "@mantine/core";
import { AlertIcon, EarIcon, GaugeIcon, PlugIcon, StarIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { AlertsPanel } from "./alerts-panel.tsx";
import { FeedsPanel } from "./feeds-panel.tsx";
import { useMentionAlerts, useOrganicAdvocates } from "./listening.api.ts";
import { MentionsPanel } from "./mentions-panel.tsx";
import { OrganicAdvocatesPanel } from "./organic-advocates-panel.tsx";
import { SentimentBox } from "./sentiment-box.tsx";

const tabs = ["mentions", "advocates", "alerts", "feeds", "sentiment"] as const;
type Tab = (typeof tabs)[number];

export function ListeningPage() {
  const [tab, setTab] = useUrlParam("tab");
  const canReadFeeds = useCan("settings:read");
  const canManageFeeds = useCan("settings:manage");
  const visible = tabs.filter((t) => t !== "feeds" || canReadFeeds);
  const current: Tab = (visible as readonly string[]).includes(tab) ? (tab as Tab) : "mentions";
  const organic = useOrganicAdvocates();
  const alerts = useMentionAlerts();
  const suggested = organic.data?.length ?? 0;
  const open = alerts.data?.filter((a) => !a.closedAt).length ?? 0;

  return (
    <>
      <PageHeader
        title="Listening"
        description="What customers say about you, wherever they say it: mentions and their sentiment, customers who already praise you, and spikes of negative talk."
      />
      <Tabs value={current} onChange={(value) => setTab(value === "mentions" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="mentions" leftSection={<EarIcon size={16} />}>
            Mentions
          </Tabs.Tab>
          <Tabs.Tab
            value="advocates"
            leftSection={<StarIcon size={16} />}
            rightSection={
              suggested > 0 ? (
                <Badge size="sm" color="teal" radius="sm">
                  {suggested}
                </Badge>
              ) : null
            }
          >
            Organic advocates
          </Tabs.Tab>
          <Tabs.Tab
            value="alerts"
            leftSection={<AlertIcon size={16} />}
            rightSection={
              open > 0 ? (
                <Badge size="sm" color="red" radius="sm">
                  {open}
                </Badge>
              ) : null
            }
          >
            Alerts
          </Tabs.Tab>
          {canReadFeeds ? (
            <Tabs.Tab value="feeds" leftSection={<PlugIcon size={16} />}>
              Feeds
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="sentiment" leftSection={<GaugeIcon size={16} />}>
            Try sentiment
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mentions">
          <MentionsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="advocates">
          <OrganicAdvocatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="alerts">
          <AlertsPanel canReadFeeds={canReadFeeds} />
        </Tabs.Panel>
        {canReadFeeds ? (
          <Tabs.Panel value="feeds">
            <FeedsPanel canManage={canManageFeeds} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="sentiment">
          <SentimentBox />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
