import { Anchor, Badge, Card, Stack, Table, Text, Tooltip } from "@mantine/core";
import { Link } from "react-router";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { InboxIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { type Conversion, type Lead, signalLabel, useConversions, useReferralLeads } from "./referrals.api.ts";

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 2 }).format(amount);

const statusColor: Record<Conversion["status"], string> = {
  unattributed: "gray",
  ineligible: "gray",
  review: "orange",
  held: "yellow",
  paid: "teal",
  refunded: "red",
  rejected: "red",
};

export function FraudScore({ score, signals }: { score: number; signals: Lead["fraudSignals"] }) {
  const color = score >= 70 ? "red" : score >= 40 ? "orange" : score > 0 ? "yellow" : "gray";
  const badge = (
    <Badge color={color} variant="light" radius="sm" aria-label={`Fraud score ${score} of 100`}>
      {score}
    </Badge>
  );
  if (signals.length === 0) return badge;
  return (
    <Tooltip
      multiline
      w={280}
      label={signals.map((s) => `${signalLabel(s.signal)} (+${s.points}): ${s.detail}`).join("\n")}
    >
      {badge}
    </Tooltip>
  );
}

export function LeadsPanel({ programId }: { programId?: string }) {
  const leads = useReferralLeads(programId);
  return (
    <Card p={0}>
      {leads.isPending ? (
        <TableSkeleton columns={5} />
      ) : leads.isError ? (
        <ErrorState error={leads.error} onRetry={() => leads.refetch()} />
      ) : leads.data.length === 0 ? (
        <EmptyPanel
          icon={<InboxIcon size={28} />}
          title="No leads yet"
          description="Friends who leave their details on the landing page appear here."
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Referral leads" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Friend</Table.Th>
                <Table.Th>Referred by</Table.Th>
                <Table.Th>Fraud score</Table.Th>
                <Table.Th>Review</Table.Th>
                <Table.Th>Captured</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {leads.data.map((lead) => (
                <Table.Tr key={lead.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {lead.name ?? lead.email}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {lead.email}
                      {lead.company ? ` · ${lead.company}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${lead.advocateId}`} size="sm">
                      View advocate
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <FraudScore score={lead.fraudScore} signals={lead.fraudSignals} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{lead.review.state === "none" ? "—" : lead.review.state}</Text>
                    {lead.review.note ? (
                      <Text size="xs" c="dimmed">
                        {lead.review.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(lead.createdAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

const ruleLabel = { last_click: "Last click", first_click: "First click" } as const;

/** Who got the credit and why: the rule, the window and the chosen touch, in words. */
export function AttributionSummary({ conversion }: { conversion: Conversion }) {
  const { attribution } = conversion;
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        {attribution.rule ? ruleLabel[attribution.rule] : "No rule"}
        {attribution.windowDays ? ` · ${attribution.windowDays}-day window` : ""}
        {attribution.chosen ? ` · code ${attribution.chosen.code} (${attribution.chosen.kind})` : ""}
        {attribution.touches.length > 1 ? ` · ${attribution.touches.length} touches` : ""}
      </Text>
      <Text size="xs" c="dimmed">
        {attribution.explanation}
      </Text>
    </Stack>
  );
}

export function ConversionsPanel({ programId }: { programId?: string }) {
  const conversions = useConversions(programId);
  return (
    <Card p={0}>
      {conversions.isPending ? (
        <TableSkeleton columns={6} />
      ) : conversions.isError ? (
        <ErrorState error={conversions.error} onRetry={() => conversions.refetch()} />
      ) : conversions.data.length === 0 ? (
        <EmptyPanel
          icon={<InboxIcon size={28} />}
          title="No conversions yet"
          description="Billing or your CRM reports paid orders and won deals to /api/v1/referrals/conversions."
        />
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table aria-label="Referral conversions" highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Order / deal</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attribution</Table.Th>
                <Table.Th>Fraud</Table.Th>
                <Table.Th>Rewards</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conversions.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.externalId}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.customerEmail ?? "—"} · {formatDateTime(c.convertedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{money(c.amount, c.currency)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[c.status]} variant="light" radius="sm">
                      {c.status}
                    </Badge>
                    {c.statusReason ? (
                      <Text size="xs" c="dimmed">
                        {c.statusReason}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td maw={360}>
                    <AttributionSummary conversion={c} />
                    {c.advocateId ? (
                      <Anchor component={Link} to={`/contacts/${c.advocateId}`} size="xs">
                        Credited advocate
                      </Anchor>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <FraudScore score={c.fraudScore} signals={c.fraudSignals} />
                  </Table.Td>
                  <Table.Td>
                    {c.rewards.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        —
                      </Text>
                    ) : (
                      c.rewards.map((r) => (
                        <Text size="xs" key={r.side}>
                          {r.side === "referrer" ? "Referrer" : "Friend"}:{" "}
                          {r.kind === "points" ? `${formatNumber(r.points)} pts` : r.kind} ·{" "}
                          {r.status.replace("_", " ")}
                        </Text>
                      ))
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
