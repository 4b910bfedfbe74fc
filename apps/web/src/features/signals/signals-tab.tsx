import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";
import type { ContactSignals } from "../../api/types.ts";
import { capitalize, formatDate, formatNumber } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useContactSignals } from "./signals.api.ts";
import "./signals.css";

type Survey = ContactSignals["surveys"][number];
type Ticket = ContactSignals["tickets"][number];
type Purchase = ContactSignals["purchases"][number];

/** Surveys with their comments, support tickets and purchases: the facts behind the score. */
export function SignalsTab({ contactId }: { contactId: string }) {
  const signals = useContactSignals(contactId);
  if (signals.isPending) {
    return (
      <Card>
        <CardSkeleton lines={8} />
      </Card>
    );
  }
  if (signals.isError) return <ErrorState error={signals.error} onRetry={() => signals.refetch()} />;
  const { surveys, tickets, purchases } = signals.data;
  return (
    <Stack gap="lg">
      <Section
        title="Surveys"
        summary={surveySummary(surveys)}
        empty="No survey answers yet. NPS and CSAT responses arrive through the signals API or a connected source."
        count={surveys.length}
      >
        <Stack gap="sm">
          {surveys.map((s) => (
            <SurveyRow key={s.messageId} survey={s} />
          ))}
        </Stack>
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section
          title="Support tickets"
          summary={tickets.length ? `${tickets.filter((t) => !t.resolvedAt).length} open` : undefined}
          empty="No support tickets. A quiet relationship is usually a healthy one."
          count={tickets.length}
        >
          <TicketsTable tickets={tickets} />
        </Section>
        <Section
          title="Purchases"
          summary={purchases.length ? purchaseSummary(purchases) : undefined}
          empty="No purchases, renewals or refunds recorded."
          count={purchases.length}
        >
          <PurchasesTable purchases={purchases} />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function Section({
  title,
  summary,
  empty,
  count,
  children,
}: {
  title: string;
  summary?: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Card>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {summary ? (
          <Text size="sm" c="dimmed">
            {summary}
          </Text>
        ) : null}
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

const npsGroup = (score: number) =>
  score >= 9
    ? { label: "Promoter", color: "teal" }
    : score >= 7
      ? { label: "Passive", color: "yellow" }
      : { label: "Detractor", color: "red" };
const csatGroup = (score: number) =>
  score >= 4
    ? { label: "Satisfied", color: "teal" }
    : score === 3
      ? { label: "Neutral", color: "yellow" }
      : { label: "Unsatisfied", color: "red" };

function surveySummary(surveys: Survey[]): string | undefined {
  const answers = `${surveys.length} ${surveys.length === 1 ? "answer" : "answers"}`;
  const latestNps = surveys.find((s) => s.kind === "nps");
  if (!latestNps) return surveys.length ? answers : undefined;
  return `Latest NPS ${latestNps.score} · ${answers}`;
}

function SurveyRow({ survey }: { survey: Survey }) {
  const group = survey.kind === "nps" ? npsGroup(survey.score) : csatGroup(survey.score);
  const sentiment =
    survey.sentiment === null
      ? null
      : survey.sentiment > 0.05
        ? "positive"
        : survey.sentiment < -0.05
          ? "negative"
          : "neutral";
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" className="sv-row">
      <Tooltip label={`${survey.kind.toUpperCase()}: ${group.label}`} withArrow>
        <div
          className="sv-score"
          data-color={group.color}
          style={
            {
              "--sv": `var(--mantine-color-${group.color}-light)`,
              "--sv-text": `var(--mantine-color-${group.color}-light-color)`,
            } as React.CSSProperties
          }
        >
          <span className="sv-value">{survey.score}</span>
          <span className="sv-kind">{survey.kind}</span>
        </div>
      </Tooltip>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {survey.survey}
          </Text>
          <Badge size="xs" variant="light" color={group.color} radius="sm">
            {group.label}
          </Badge>
          {sentiment ? (
            <Badge
              size="xs"
              variant="outline"
              color={sentiment === "positive" ? "teal" : sentiment === "negative" ? "red" : "gray"}
              radius="sm"
            >
              {sentiment} tone
            </Badge>
          ) : null}
          <Text size="xs" c="dimmed">
            {formatDate(survey.occurredAt)}
          </Text>
        </Group>
        {survey.comment ? (
          <blockquote className="tl-quote">“{survey.comment}”</blockquote>
        ) : (
          <Text size="xs" c="dimmed">
            No comment
          </Text>
        )}
      </Stack>
    </Group>
  );
}

const ticketColor = (t: Ticket) => (t.resolvedAt ? "gray" : t.escalated ? "red" : "orange");

function TicketsTable({ tickets }: { tickets: Ticket[] }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" aria-label="Support tickets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Ticket</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Opened</Table.Th>
            <Table.Th ta="right">Rating</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>
                <Text size="sm" fw={500} lineClamp={2}>
                  {t.subject ?? "(no subject)"}
                </Text>
                <Text size="xs" c="dimmed">
                  {[
                    t.priority ? `${capitalize(t.priority)} priority` : null,
                    t.resolvedAt ? `resolved ${formatDate(t.resolvedAt)}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ") || t.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Badge size="sm" variant="light" color={ticketColor(t)} radius="sm" style={{ flex: "none" }}>
                    {t.status}
                  </Badge>
                  {t.escalated ? (
                    <Badge size="sm" variant="outline" color="red" radius="sm">
                      escalated
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                {formatDate(t.openedAt)}
              </Table.Td>
              <Table.Td fz="sm" ta="right">
                {t.satisfaction === null ? "—" : `${t.satisfaction}/5`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount);
  } catch {
    return `${formatNumber(amount)} ${currency}`;
  }
};

function purchaseSummary(purchases: Purchase[]): string {
  const currencies = new Set(purchases.map((p) => p.currency));
  if (currencies.size !== 1) return `${purchases.length} records`;
  const total = purchases.reduce((s, p) => s + (p.kind === "refund" ? -p.amount : p.amount), 0);
  return `${money(total, purchases[0]?.currency ?? "USD")} net`;
}

function PurchasesTable({ purchases }: { purchases: Purchase[] }) {
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table verticalSpacing="xs" aria-label="Purchases">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {purchases.map((p) => (
            <Table.Tr key={p.messageId}>
              <Table.Td>
                <Badge
                  size="sm"
                  variant="light"
                  radius="sm"
                  color={p.kind === "refund" ? "red" : p.kind === "renewal" ? "indigo" : "green"}
                >
                  {p.kind}
                </Badge>
                {p.orderId ? (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {p.orderId}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                {formatDate(p.occurredAt)}
              </Table.Td>
              <Table.Td fz="sm" ta="right" fw={600} c={p.kind === "refund" ? "red" : undefined}>
                {p.kind === "refund" ? "−" : ""}
                {money(p.amount, p.currency)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
