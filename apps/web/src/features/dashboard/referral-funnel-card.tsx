import { Group, Text } from "@mantine/core";
import { formatMoney, formatNumber } from "../../ui/format.ts";
import { EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { FunnelBars } from "../referrals/funnel-panel.tsx";
import { type ProgramMetrics, type ReferralMetrics, useReferralMetrics } from "../referrals/referrals.api.ts";
import { ChartCard } from "./chart-card.tsx";

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Every referral program's funnel added up: clicks → leads → conversions, and the revenue it brought. */
export function totalFunnel(data: ReferralMetrics): ProgramMetrics {
  const sum = (key: "clicks" | "unattributedClicks" | "leads" | "conversions" | "referredRevenue") =>
    data.programs.reduce((s, p) => s + p[key], 0);
  const clicks = sum("clicks");
  const leads = sum("leads");
  const conversions = sum("conversions");
  const sumOf = (
    key: "pointsPaid" | "pointsPending" | "inReview" | "refunded" | "advocates" | "advocatesWithConversion",
  ) => data.programs.reduce((s, p) => s + p[key], 0);
  return {
    programId: "all",
    name: "all referral programs",
    clicks,
    unattributedClicks: sum("unattributedClicks"),
    leads,
    conversions,
    clickToLead: rate(leads, clicks),
    leadToConversion: rate(conversions, leads),
    clickToConversion: rate(conversions, clicks),
    referredRevenue: sum("referredRevenue"),
    pointsPaid: sumOf("pointsPaid"),
    pointsPending: sumOf("pointsPending"),
    inReview: sumOf("inReview"),
    refunded: sumOf("refunded"),
    advocates: sumOf("advocates"),
    advocatesWithConversion: sumOf("advocatesWithConversion"),
    referralRate: rate(sumOf("advocatesWithConversion"), sumOf("advocates")),
    topAdvocates: [],
  };
}

export function ReferralFunnelCard() {
  const metrics = useReferralMetrics();
  const total = metrics.data ? totalFunnel(metrics.data) : null;
  const programs = metrics.data?.programs.length ?? 0;
  return (
    <ChartCard
      title="Referral funnel"
      description={
        total
          ? `${formatNumber(programs)} referral program${programs === 1 ? "" : "s"} · clicks → leads → conversions`
          : "Clicks → leads → conversions"
      }
      link={{ to: "/referrals", label: "View referrals" }}
      loading={metrics.isPending}
      height={180}
    >
      {metrics.isError ? (
        <ErrorState error={metrics.error} onRetry={() => metrics.refetch()} />
      ) : !total || programs === 0 ? (
        <EmptyPanel
          title="No referral programs yet"
          description="Create a program of type Referral to track it here."
        />
      ) : (
        <>
          <FunnelBars metrics={total} />
          <Group justify="space-between" mt="md" gap="xs">
            <Text size="sm" c="dimmed">
              Referred revenue
            </Text>
            <Text fw={700} data-testid="referred-revenue">
              {formatMoney(total.referredRevenue)}
            </Text>
          </Group>
        </>
      )}
    </ChartCard>
  );
}
