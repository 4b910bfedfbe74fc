import { Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { type Coverage, type Influence, type Utilisation, useReferenceReport } from "./references.api.ts";

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(amount);

export function ReportsPanel() {
  const [days, setDays] = useState("90");
  const n = Number(days);
  return (
    <Stack>
      <SegmentedControl
        aria-label="Report window"
        w="fit-content"
        data={[
          { value: "30", label: "30 days" },
          { value: "90", label: "90 days" },
          { value: "365", label: "1 year" },
        ]}
        value={days}
        onChange={setDays}
      />
      <InfluenceCard days={n} />
      <UtilisationCard days={n} />
      <CoverageCard days={n} />
    </Stack>
  );
}

function InfluenceCard({ days }: { days: number }) {
  const report = useReferenceReport<Influence>("influence", days);
  return (
    <Card component="section" aria-label="Influenced pipeline and revenue">
      <Title order={2} fz="md" mb="sm">
        Influenced pipeline and revenue
      </Title>
      {report.isPending ? (
        <CardSkeleton />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {report.data.referenceCalls} reference calls helped {report.data.opportunities} opportunities (each counted
            once).
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {report.data.byCurrency.map((c) => (
              <Stack key={c.currency} gap={2}>
                <Text fw={700} fz="xl">
                  {money(c.influencedRevenue, c.currency)}
                </Text>
                <Text size="xs" c="dimmed">
                  won · {c.wonOpportunities} deals
                </Text>
                <Text fw={600}>{money(c.influencedPipeline, c.currency)}</Text>
                <Text size="xs" c="dimmed">
                  open pipeline · {c.openOpportunities} deals · {c.lostOpportunities} lost
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {report.data.topOpportunities.length > 0 ? (
            <Table.ScrollContainer minWidth={480}>
              <Table aria-label="Top influenced opportunities">
                <Table.Tbody>
                  {report.data.topOpportunities.map((o) => (
                    <Table.Tr key={o.opportunity}>
                      <Table.Td>{o.prospectName}</Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          radius="sm"
                          color={o.status === "won" ? "teal" : o.status === "lost" ? "red" : "gray"}
                        >
                          {o.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{money(o.amount, o.currency)}</Table.Td>
                      <Table.Td ta="right">{o.references} refs</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}

function UtilisationCard({ days }: { days: number }) {
  const report = useReferenceReport<Utilisation>("utilisation", days);
  return (
    <Card component="section" aria-label="Reference utilisation">
      <Title order={2} fz="md" mb="sm">
        Utilisation
      </Title>
      {report.isPending ? (
        <CardSkeleton />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {report.data.askedProfiles} of {report.data.activeProfiles} active references asked {report.data.asks} times
            {report.data.acceptanceRate !== null ? `, ${Math.round(report.data.acceptanceRate * 100)}% accepted` : ""}.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <div>
              <Text fw={600} mb={4}>
                Overused ({report.data.overusedCount}) — at their limit in {report.data.quarter}
              </Text>
              {report.data.overused.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nobody is over their limit.
                </Text>
              ) : (
                report.data.overused.slice(0, 10).map((r) => (
                  <Text size="sm" key={r.profileId}>
                    {r.name}: {r.asksThisQuarter} / {r.limitPerQuarter ?? "—"} this quarter
                  </Text>
                ))
              )}
            </div>
            <div>
              <Text fw={600} mb={4}>
                Idle ({report.data.idleCount}) — not asked in {report.data.days} days
              </Text>
              {report.data.idle.slice(0, 10).map((r) => (
                <Text size="sm" key={r.profileId}>
                  {r.name} · {r.referencesGiven} given · last {formatDate(r.lastReferenceAt)}
                </Text>
              ))}
            </div>
          </SimpleGrid>
        </Stack>
      )}
    </Card>
  );
}

const dimensionLabel = {
  industry: "Industries",
  size: "Company sizes",
  region: "Regions",
  product: "Products",
  competitor: "Competitors",
};

function CoverageCard({ days }: { days: number }) {
  const report = useReferenceReport<Coverage>("coverage", days);
  return (
    <Card component="section" aria-label="Coverage gaps">
      <Title order={2} fz="md" mb="sm">
        Coverage gaps
      </Title>
      {report.isPending ? (
        <CardSkeleton />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {report.data.dimensions.map((d) => (
            <Stack key={d.dimension} gap={4}>
              <Text fw={600}>{dimensionLabel[d.dimension]}</Text>
              {d.gaps.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No gaps
                </Text>
              ) : (
                <Group gap={4}>
                  {d.gaps.map((g) => (
                    <Badge key={g} color="red" variant="light" radius="sm">
                      {g}
                    </Badge>
                  ))}
                </Group>
              )}
              <Text size="xs" c="dimmed">
                {d.values
                  .filter((v) => v.requested > 0)
                  .slice(0, 6)
                  .map((v) => `${v.value}: ${formatNumber(v.available)} available / ${v.requested} asked`)
                  .join(" · ")}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}
