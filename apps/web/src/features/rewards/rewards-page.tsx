import { Tabs } from "@mantine/core";
import { GiftIcon, InboxIcon, SlidersIcon, StarIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { BadgesPanel } from "./badges-panel.tsx";
import { BudgetsPanel } from "./budgets-panel.tsx";
import { CatalogPanel } from "./catalog-panel.tsx";
import { RedemptionQueue } from "./redemption-queue.tsx";
import { TiersPanel } from "./tiers-panel.tsx";

const tabs = ["catalog", "redemptions", "budgets", "badges", "tiers"] as const;
type Tab = (typeof tabs)[number];

export function RewardsPage() {
  const [tab, setTab] = useUrlParam("tab");
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "catalog";
  const canManage = useCan("programs:manage");
  const canReadSettings = useCan("settings:read");
  const canManageSettings = useCan("settings:manage");

  return (
    <>
      <PageHeader
        title="Rewards"
        description="What advocates can redeem their points for, the redemptions waiting on you, budgets and recognition."
      />
      <Tabs value={current} onChange={(value) => setTab(value === "catalog" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="catalog" leftSection={<GiftIcon size={16} />}>
            Catalog
          </Tabs.Tab>
          <Tabs.Tab value="redemptions" leftSection={<InboxIcon size={16} />}>
            Redemptions
          </Tabs.Tab>
          <Tabs.Tab value="budgets" leftSection={<SlidersIcon size={16} />}>
            Budgets
          </Tabs.Tab>
          <Tabs.Tab value="badges" leftSection={<StarIcon size={16} />}>
            Badges
          </Tabs.Tab>
          <Tabs.Tab value="tiers" leftSection={<SlidersIcon size={16} />}>
            Tiers & approval
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="catalog">
          <CatalogPanel canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="redemptions">
          <RedemptionQueue canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="budgets">
          <BudgetsPanel canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="badges">
          <BadgesPanel canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="tiers">
          <TiersPanel canRead={canReadSettings} canManage={canManageSettings} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
