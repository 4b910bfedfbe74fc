import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatMoney, formatNumber } from "../../ui/format.ts";
import { ShareIcon } from "../../ui/icons.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { type ProgramMetrics, percent, useReferralMetrics } from "./referrals.api.ts";

/** Clicks → leads → conversions as bars, each step with its rate from the step before. */
export function FunnelBars({ metrics }: { metrics: ProgramMetrics }) {
  const steps = [
    { label: "Clicks", value: metrics.clicks, rate: null as string | null },
    { label: "Leads", value: metrics.leads, rate: `${percent(metrics.clickToLead)} of clicks` },
    { label: "Conversions", value: metrics.conversions, rate: `${percent(metrics.leadToConversion)} of leads` },
  ];
  const top = Math.max(1, metrics.clicks);
  return (
    <Stack gap="xs" aria-label={`Referral funnel for ${metrics.name}`} role="group">
      {steps.map((step) => (
        <div key={step.label}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {step.label}
            </Text>
            <Text size="sm">
              <b>{formatNumber(step.value)}</b>
              {step.rate ? (
                <Text span c="dimmed" size="xs">
                  {" "}
                  · {step.rate}
                </Text>
              ) : null}
            </Text>
          </Group>
          <Progress value={Math.max(1, (step.value / top) * 100)} size="lg" radius="sm" aria-hidden />
        </div>
      ))}
    </Stack>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} fz="lg">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </div>
  );
}

function ProgramFunnel({ metrics }: { metrics: ProgramMetrics }) {
  return (
    <Card component="section" aria-label={`${metrics.name} funnel`}>
      <Title order={2} fz="lg" mb="sm">
        {metrics.name}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <FunnelBars metrics={metrics} />
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <Stat label="Click → conversion" value={percent(metrics.clickToConversion)} />
          <Stat label="Referred revenue" value={formatMoney(metrics.referredRevenue)} />
          <Stat
            label="Rewards paid"
            value={`${formatNumber(metrics.pointsPaid)} pts`}
            hint={`${formatNumber(metrics.pointsPending)} pts pending`}
          />
          <Stat
            label="Referral rate"
            value={percent(metrics.referralRate)}
            hint={`${formatNumber(metrics.advocatesWithConversion)} of ${formatNumber(metrics.advocates)} advocates`}
          />
          <Stat label="In review" value={formatNumber(metrics.inReview)} />
          <Stat
            label="Refunded"
            value={formatNumber(metrics.refunded)}
            hint={`${formatNumber(metrics.unattributedClicks)} unattributed clicks`}
          />
        </SimpleGrid>
      </SimpleGrid>
      {metrics.topAdvocates.length > 0 ? (
        <Table.ScrollContainer minWidth={520} mt="md">
          <Table aria-label={`Top advocates in ${metrics.name}`} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Advocate</Table.Th>
                <Table.Th ta="right">Clicks</Table.Th>
                <Table.Th ta="right">Leads</Table.Th>
                <Table.Th ta="right">Conversions</Table.Th>
                <Table.Th ta="right">Revenue</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {metrics.topAdvocates.map((a) => (
                <Table.Tr key={a.contactId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${a.contactId}`} size="sm">
                      {a.name ?? a.email ?? a.contactId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(a.clicks)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(a.leads)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(a.conversions)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(a.referredRevenue)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Card>
  );
}

export function FunnelPanel({ programId }: { programId?: string }) {
  const metrics = useReferralMetrics(programId);
  if (metrics.isPending) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (metrics.isError) return <ErrorState error={metrics.error} onRetry={() => metrics.refetch()} />;
  const { programs, customers } = metrics.data;
  if (programs.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<ShareIcon size={28} />}
          title="No referral programs yet"
          description="Create a program of type Referral to give advocates share links and track what they send you."
          action={
            <Anchor component={Link} to="/programs/new">
              New program
            </Anchor>
          }
        />
      </Card>
    );
  }
  return (
    <Stack gap="md">
      {programs.map((p) => (
        <ProgramFunnel key={p.programId} metrics={p} />
      ))}
      {customers ? (
        <Card component="section" aria-label="Referred vs other customers">
          <Title order={2} fz="lg" mb="sm">
            Referred vs other customers
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(["referred", "nonReferred"] as const).map((side) => (
              <Stack key={side} gap={4}>
                <Text fw={600}>{side === "referred" ? "Referred" : "Other customers"}</Text>
                <Text size="sm">{formatNumber(customers[side].customers)} customers</Text>
                <Text size="sm">Revenue per customer: {formatMoney(customers[side].revenuePerCustomer)}</Text>
                <Text size="sm">Repeat purchase rate: {percent(customers[side].repeatPurchaseRate)}</Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Card>
      ) : null}
    </Stack>
  );
}
