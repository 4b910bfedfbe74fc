import { Badge, Select, Tabs } from "@mantine/core";
import { CheckIcon, GaugeIcon, InboxIcon, ShareIcon, SlidersIcon, StarIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { useCan } from "../auth/auth.api.ts";
import { usePrograms } from "../programs/programs.api.ts";
import { ConversionsPanel, LeadsPanel } from "./activity-panels.tsx";
import { CodesPanel } from "./codes-panel.tsx";
import { FunnelPanel } from "./funnel-panel.tsx";
import { useReviewQueue } from "./referrals.api.ts";
import { ReviewPanel } from "./review-panel.tsx";
import { SettingsPanel } from "./settings-panel.tsx";

const tabs = ["funnel", "codes", "leads", "conversions", "review", "settings"] as const;
type Tab = (typeof tabs)[number];

export function ReferralsPage() {
  const [tab, setTab] = useUrlParam("tab");
  const [program, setProgram] = useUrlParam("program");
  const current: Tab = (tabs as readonly string[]).includes(tab) ? (tab as Tab) : "funnel";
  const canManage = useCan("programs:manage");
  const programs = usePrograms();
  const referralPrograms = (programs.data ?? []).filter((p) => p.type === "referral");
  const programId = program || undefined;
  const review = useReviewQueue();
  const waiting = review.data?.length ?? 0;

  return (
    <>
      <PageHeader
        title="Referrals"
        description="From share link to paid customer: the funnel, codes, leads, conversions and the fraud review queue."
        actions={
          <Select
            aria-label="Program"
            placeholder="All referral programs"
            data={referralPrograms.map((p) => ({ value: p.id, label: p.name }))}
            value={program || null}
            onChange={(v) => setProgram(v)}
            clearable
            w={240}
          />
        }
      />
      <Tabs value={current} onChange={(value) => setTab(value === "funnel" ? null : value)} keepMounted={false}>
        <Tabs.List mb="lg" className="scroll-tabs">
          <Tabs.Tab value="funnel" leftSection={<GaugeIcon size={16} />}>
            Funnel
          </Tabs.Tab>
          <Tabs.Tab value="codes" leftSection={<ShareIcon size={16} />}>
            Codes
          </Tabs.Tab>
          <Tabs.Tab value="leads" leftSection={<StarIcon size={16} />}>
            Leads
          </Tabs.Tab>
          <Tabs.Tab value="conversions" leftSection={<CheckIcon size={16} />}>
            Conversions
          </Tabs.Tab>
          <Tabs.Tab
            value="review"
            leftSection={<InboxIcon size={16} />}
            rightSection={
              waiting > 0 ? (
                <Badge size="sm" color="orange" radius="sm">
                  {waiting}
                </Badge>
              ) : null
            }
          >
            Review queue
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<SlidersIcon size={16} />}>
            Settings
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="funnel">
          <FunnelPanel programId={programId} />
        </Tabs.Panel>
        <Tabs.Panel value="codes">
          <CodesPanel programId={programId} programs={referralPrograms} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="leads">
          <LeadsPanel programId={programId} />
        </Tabs.Panel>
        <Tabs.Panel value="conversions">
          <ConversionsPanel programId={programId} />
        </Tabs.Panel>
        <Tabs.Panel value="review">
          <ReviewPanel canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <SettingsPanel programId={programId ?? referralPrograms[0]?.id ?? null} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
