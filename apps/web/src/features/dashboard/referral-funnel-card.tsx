import { Group, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Activity } from "../../api/types.ts";
import { formatMoney } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { FunnelBars } from "../referrals/funnel-panel.tsx";
import type { ProgramMetrics } from "../referrals/referrals.api.ts";
import { ChartCard } from "./chart-card.tsx";
import type { DashboardRange } from "./date-range.tsx";

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The range's clicks → leads → conversions across every referral program, shaped for FunnelBars. */
function rangeFunnel(totals: Activity["totals"]): ProgramMetrics {
  const { referralClicks: clicks, referralLeads: leads, referralConversions: conversions } = totals;
  return {
    programId: "all",
    name: "all referral programs",
    clicks,
    unattributedClicks: 0,
    leads,
    conversions,
    clickToLead: rate(leads, clicks),
    leadToConversion: rate(conversions, leads),
    clickToConversion: rate(conversions, clicks),
    referredRevenue: 0,
    pointsPaid: 0,
    pointsPending: 0,
    inReview: 0,
    refunded: 0,
    advocates: 0,
    advocatesWithConversion: 0,
    referralRate: null,
    topAdvocates: [],
  };
}

export function ReferralFunnelCard({ activity, range }: { activity: UseQueryResult<Activity>; range: DashboardRange }) {
  const data = activity.data;
  const quiet = data && data.totals.referralClicks + data.totals.referralLeads + data.totals.referralConversions === 0;
  const revenue = data?.referredRevenue ?? [];
  return (
    <ChartCard
      title="Referral funnel"
      description={`Clicks → leads → conversions, ${range.label}`}
      link={{ to: "/referrals", label: "View referrals" }}
      loading={activity.isPending}
      height={180}
    >
      {activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => activity.refetch()} />
      ) : !data ? null : quiet ? (
        <EmptyPanel
          title="No referral activity in this range"
          description="Pick a longer range, or create a program of type Referral and share its links."
        />
      ) : (
        <>
          <FunnelBars metrics={rangeFunnel(data.totals)} />
          <Group justify="space-between" mt="md" gap="xs">
            <Text size="sm" c="dimmed">
              Referred revenue
            </Text>
            <Text fw={700} data-testid="referred-revenue">
              {revenue.length === 0
                ? formatMoney(0)
                : revenue.map((r) => `${formatMoney(r.amount)} ${r.currency}`).join(" · ")}
            </Text>
          </Group>
        </>
      )}
    </ChartCard>
  );
}
