import { BarChart } from "@mantine/charts";
import { Anchor, Card, Group, Progress, Skeleton, Table, Text, ThemeIcon } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Impact } from "../../api/types.ts";
import { formatMoney, formatNumber } from "../../ui/format.ts";
import { EmptyPanel, TableSkeleton } from "../../ui/states.tsx";
import { ChartCard } from "../dashboard/chart-card.tsx";
import { formatAmount, formatRate, modelExplanations, modelLabels, plural } from "./impact-format.ts";

/**
 * One headline figure: its label, the value, and the lines that explain it. Unlike the dashboard's
 * stat cards it links nowhere (the figures span several pages), so it is a named group, not a link.
 */
export function ImpactStatCard({
  label,
  value,
  lines,
  icon,
  color = "indigo",
  valueColor,
  loading,
}: {
  label: string;
  value: string;
  lines: string[];
  icon: ReactNode;
  color?: string;
  valueColor?: string;
  loading: boolean;
}) {
  return (
    <Card role="group" aria-label={loading ? `${label}: loading` : `${label}: ${value}`} h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }} truncate>
            {label}
          </Text>
          {loading ? (
            <>
              <Skeleton height={30} width={110} mt={6} />
              <Skeleton height={10} width={140} mt={10} />
              <Skeleton height={10} width={120} mt={8} />
            </>
          ) : (
            <>
              <Text
                fz={{ base: 24, sm: 28 }}
                fw={700}
                lh={1.2}
                mt={4}
                c={valueColor}
                style={{ fontVariantNumeric: "tabular-nums" }}
                data-testid="impact-stat-value"
              >
                {value}
              </Text>
              {lines.map((line) => (
                <Text key={line} size="xs" c="dimmed" mt={4}>
                  {line}
                </Text>
              ))}
            </>
          )}
        </div>
        <ThemeIcon variant="light" size={40} radius="md" color={color} visibleFrom="sm">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

/** Referral-sourced against reference- and content-influenced revenue, each deal counted once. */
export function RevenueBySourceCard({ impact, rangeLabel }: { impact: Impact | undefined; rangeLabel: string }) {
  const currency = impact?.currency ?? "USD";
  const bars = impact
    ? [
        { source: "Referrals (sourced)", Revenue: impact.attribution.bySource.referral },
        { source: "References (influenced)", Revenue: impact.attribution.bySource.reference },
        { source: "Content (influenced)", Revenue: impact.attribution.bySource.content },
      ]
    : [];
  return (
    <ChartCard
      title="Revenue by source"
      description={
        impact
          ? `${plural(impact.referrals.conversions, "referral conversion", "referral conversions")} from ${plural(impact.referrals.advocates, "advocate", "advocates")} · ${plural(impact.references.calls, "reference call", "reference calls")} · ${plural(impact.content.uses, "content use", "content uses")}`
          : `Referrals, references and content, ${rangeLabel}`
      }
      loading={!impact}
      height={170}
    >
      {impact && impact.attribution.revenue === 0 ? (
        <EmptyPanel
          title="No advocate revenue in this range"
          description="Pick a longer range, or record referral conversions, reference call outcomes and where sales used content."
        />
      ) : (
        <BarChart
          h={170}
          data={bars}
          dataKey="source"
          orientation="vertical"
          series={[{ name: "Revenue", color: "indigo.5" }]}
          gridAxis="none"
          withXAxis={false}
          yAxisProps={{ width: 160, interval: 0 }}
          maxBarWidth={32}
          withBarValueLabel
          // Room to the right of the longest bar for its amount.
          barChartProps={{ margin: { right: 72 } }}
          valueFormatter={(v) => formatAmount(v, currency)}
          aria-label={`Bar chart of revenue by source, ${rangeLabel}: ${bars.map((b) => `${b.source} ${formatAmount(b.Revenue, currency)}`).join(", ")}`}
        />
      )}
    </ChartCard>
  );
}

/** The advocates the model credits most; the credit moves between them when the model changes. */
export function TopAdvocatesCard({ impact, refreshing }: { impact: Impact | undefined; refreshing: boolean }) {
  const title = "Top advocates by attributed revenue";
  const attribution = impact?.attribution;
  const currency = impact?.currency ?? "USD";
  return (
    <ChartCard
      title={title}
      description={
        attribution
          ? `${modelLabels[attribution.model]}: ${modelExplanations[attribution.model]}.`
          : "Each deal's revenue credited to the advocates who touched it."
      }
      loading={false}
    >
      {!attribution ? (
        <TableSkeleton columns={4} rows={6} />
      ) : attribution.topAdvocates.length === 0 ? (
        <EmptyPanel
          title="No advocate touched a deal in this range"
          description="Referral conversions and completed reference calls credit the advocates behind them."
        />
      ) : (
        <Table.ScrollContainer minWidth={440}>
          <Table aria-label={title} aria-busy={refreshing} data-model={attribution.model} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Advocate</Table.Th>
                <Table.Th ta="right">Deals</Table.Th>
                <Table.Th ta="right">Attributed revenue</Table.Th>
                <Table.Th w={130}>Share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attribution.topAdvocates.map((a) => {
                const share = attribution.revenue > 0 ? a.revenue / attribution.revenue : 0;
                return (
                  <Table.Tr key={a.contactId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/contacts/${a.contactId}`} size="sm">
                        {a.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(a.deals)}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                      {formatAmount(a.revenue, currency)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Progress
                          value={share * 100}
                          size="sm"
                          color="indigo"
                          style={{ flex: 1 }}
                          aria-label={`${a.name}: ${formatRate(share)} of attributed revenue`}
                        />
                        <Text size="xs" c="dimmed" w={32} ta="right">
                          {formatRate(share)}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ChartCard>
  );
}

/** Whether accounts with an advocate renew (and stay) more than the rest. */
export function RetentionCard({ impact }: { impact: Impact | undefined }) {
  const title = "Accounts with advocates vs the others";
  const retention = impact?.retention;
  const rows: { label: string; value: (side: Impact["retention"]["otherAccounts"]) => string }[] = [
    { label: "Accounts", value: (s) => formatNumber(s.accounts) },
    { label: "Renewal rate", value: (s) => formatRate(s.renewalRate) },
    { label: "Churn rate", value: (s) => formatRate(s.churnRate) },
    // ARR is kept per account without a currency; the accounts pages show it the same way.
    { label: "Mean ARR", value: (s) => formatMoney(s.meanArr) },
  ];
  return (
    <ChartCard
      title={title}
      description="Renewals in this range; churn and ARR as they stand today. An account has an advocate when one of its contacts did an advocacy act."
      loading={!retention}
      height={160}
    >
      {retention ? (
        <Table aria-label={title} withRowBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">With advocates</Table.Th>
              <Table.Th ta="right">Others</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row" fw={500}>
                  {row.label}
                </Table.Th>
                <Table.Td ta="right" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                  {row.value(retention.advocateAccounts)}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {row.value(retention.otherAccounts)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </ChartCard>
  );
}
