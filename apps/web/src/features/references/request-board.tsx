import { Anchor, Badge, Card, Group, ScrollArea, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatMoney, formatNumber } from "../../ui/format.ts";
import { QuoteIcon } from "../../ui/icons.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import {
  activityLabel,
  currentSla,
  type ReferenceRequest,
  requestStates,
  slaText,
  stateColor,
  useReferenceRequests,
} from "./references.api.ts";

export function SlaBadge({ request }: { request: ReferenceRequest }) {
  const sla = currentSla(request);
  const text = sla ? slaText(sla.step) : null;
  if (!sla || !text) return null;
  const late = sla.step.breached || text.startsWith("overdue");
  return (
    <Badge size="sm" radius="sm" variant={late ? "filled" : "light"} color={late ? "red" : "gray"}>
      {sla.label} {late ? "breached" : ""} · {text}
    </Badge>
  );
}

export function prospectLine(r: Pick<ReferenceRequest, "industry" | "employeeCount" | "region">) {
  return [r.industry, r.employeeCount ? `${formatNumber(r.employeeCount)} employees` : null, r.region]
    .filter(Boolean)
    .join(" · ");
}

export function RequestCard({ request }: { request: ReferenceRequest }) {
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Request for ${request.prospectName}`}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/references/requests/${request.id}`} fw={600} size="sm">
          {request.prospectName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {prospectLine(request) || "No prospect details"}
        </Text>
        <Text size="xs">
          {activityLabel(request.activity)}
          {request.dealAmount !== null ? ` · ${formatMoney(request.dealAmount)}` : ""}
          {request.competitor ? ` · vs ${request.competitor}` : ""}
        </Text>
        <Group gap={4}>
          <SlaBadge request={request} />
        </Group>
      </Stack>
    </Card>
  );
}

/** Requests in columns by state, each with its SLA: due, or breached. */
export function RequestBoard() {
  const requests = useReferenceRequests();
  if (requests.isPending) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => requests.refetch()} />;
  if (requests.data.length === 0) {
    return (
      <Card>
        <EmptyPanel
          icon={<QuoteIcon size={28} />}
          title="No reference requests yet"
          description="Sales files them from the reference desk; they land here for approval."
        />
      </Card>
    );
  }
  const columns = requestStates.filter((s) => s.value !== "cancelled");
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" aria-label="Reference requests board">
      {columns.map((column) => {
        const rows = requests.data.filter((r) => r.status === column.value);
        return (
          <Card
            key={column.value}
            padding="sm"
            bg="var(--mantine-color-gray-0)"
            component="section"
            aria-label={column.label}
          >
            <Group justify="space-between" mb="xs">
              <Title order={2} fz="sm">
                {column.label}
              </Title>
              <Badge color={stateColor[column.value]} variant="light" radius="sm">
                {rows.length}
              </Badge>
            </Group>
            <ScrollArea.Autosize mah={640} type="auto">
              <Stack gap="xs">
                {rows.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    None
                  </Text>
                ) : (
                  rows.map((r) => <RequestCard key={r.id} request={r} />)
                )}
              </Stack>
            </ScrollArea.Autosize>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
