import { Badge, Button, Card, Grid, Group, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useParams } from "react-router";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { CardSkeleton, ErrorState, PageLoader } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { CandidatesList } from "./candidates-list.tsx";
import { OutcomeForm } from "./outcome-form.tsx";
import {
  activityLabel,
  type ReferenceRequestDetail,
  slaText,
  stateColor,
  stateLabel,
  useApproveRequest,
  useAskCandidate,
  useCancelRequest,
  useReferenceRequest,
  useRelayAnswer,
  useRequestCandidates,
} from "./references.api.ts";
import { prospectLine, SlaBadge } from "./request-board.tsx";

export function ReferenceRequestPage() {
  const { id = "" } = useParams();
  const request = useReferenceRequest(id);
  const canManage = useCan("references:manage");
  if (request.isPending) return <PageLoader label="Loading the request" />;
  if (request.isError) return <ErrorState error={request.error} onRetry={() => request.refetch()} />;
  const r = request.data;
  return (
    <>
      <PageHeader
        back={
          canManage
            ? { to: "/references", label: "Reference requests" }
            : { to: "/reference-desk", label: "Reference desk" }
        }
        title={r.prospectName}
        description={prospectLine(r) || undefined}
        actions={
          <Group gap="xs">
            <Badge size="lg" radius="sm" color={stateColor[r.status]} aria-label={`State: ${stateLabel(r.status)}`}>
              {stateLabel(r.status)}
            </Badge>
            <SlaBadge request={r} />
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <DetailsCard request={r} />
            <ActionsCard request={r} canManage={canManage} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <AsksCard request={r} canManage={canManage} />
            {r.status === "submitted" || r.status === "approved" ? (
              <Candidates request={r} canManage={canManage} />
            ) : null}
            {canManage && ["asked", "accepted", "completed"].includes(r.status) ? <OutcomeForm request={r} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ overflowWrap: "anywhere" }}>
        {value || "—"}
      </Text>
    </Group>
  );
}

function DetailsCard({ request: r }: { request: ReferenceRequestDetail }) {
  const steps = [
    { label: "Approval", step: r.sla.approval },
    { label: "Response", step: r.sla.response },
    { label: "Needed by", step: r.sla.neededBy },
  ];
  return (
    <Card>
      <Title order={2} fz="md" mb="sm">
        Prospect
      </Title>
      <Stack gap={6}>
        <Row label="Activity" value={activityLabel(r.activity)} />
        <Row label="Industry" value={r.industry} />
        <Row label="Employees" value={r.employeeCount === null ? null : formatNumber(r.employeeCount)} />
        <Row label="Region" value={[r.region, r.country].filter(Boolean).join(", ")} />
        <Row label="Products" value={r.products.join(", ")} />
        <Row label="Use case" value={r.useCase} />
        <Row label="Competitor" value={r.competitor} />
        <Row label="Deal" value={r.dealAmount === null ? null : `${formatMoney(r.dealAmount)} ${r.currency}`} />
        <Row label="Stage" value={r.stage} />
        <Row label="CRM opportunity" value={r.opportunityId} />
        <Row label="Needed by" value={formatDate(r.neededBy)} />
        <Row label="Requested by" value={`${r.requestedBy.name} · ${formatDateTime(r.createdAt)}`} />
      </Stack>
      <Title order={3} fz="sm" mt="md" mb={6}>
        Timeline and SLAs
      </Title>
      <Stack gap={4}>
        <Row label="Filed" value={formatDateTime(r.createdAt)} />
        <Row label="Approved" value={formatDateTime(r.approvedAt)} />
        <Row label="Asked" value={formatDateTime(r.askedAt)} />
        <Row label="Accepted" value={formatDateTime(r.acceptedAt)} />
        <Row label="Completed" value={formatDateTime(r.completedAt)} />
        {steps.map((s) => {
          const text = slaText(s.step);
          return text ? (
            <Text key={s.label} size="xs" c={s.step.breached ? "red" : "dimmed"}>
              SLA {s.label}: {text}
              {s.step.dueAt ? ` (due ${formatDateTime(s.step.dueAt)})` : ""}
            </Text>
          ) : null;
        })}
      </Stack>
    </Card>
  );
}

function ActionsCard({ request: r, canManage }: { request: ReferenceRequestDetail; canManage: boolean }) {
  const approve = useApproveRequest(r.id);
  const cancel = useCancelRequest(r.id);
  const open = !["completed", "cancelled"].includes(r.status);
  if (!open) return null;
  return (
    <Card>
      <Group gap="xs">
        {canManage && r.status === "submitted" ? (
          <Button
            loading={approve.isPending}
            onClick={() =>
              approve.mutate(
                {},
                { onSuccess: () => notifications.show({ color: "teal", title: "Approved", message: r.prospectName }) },
              )
            }
          >
            Approve
          </Button>
        ) : null}
        <Button
          variant="default"
          color="red"
          loading={cancel.isPending}
          onClick={() => {
            if (window.confirm("Cancel this request? An open ask is withdrawn.")) cancel.mutate({});
          }}
        >
          Cancel request
        </Button>
      </Group>
      {approve.error || cancel.error ? (
        <Text size="sm" c="red" mt="xs" role="alert">
          {(approve.error ?? cancel.error)?.message}
        </Text>
      ) : null}
    </Card>
  );
}

function AsksCard({ request: r, canManage }: { request: ReferenceRequestDetail; canManage: boolean }) {
  const relay = useRelayAnswer(r.id);
  if (r.asks.length === 0) return null;
  return (
    <Card>
      <Title order={2} fz="md" mb="sm">
        Asks
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Asks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Advocate</Table.Th>
              <Table.Th>Match</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Asked</Table.Th>
              {canManage ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.asks.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{Math.round(a.matchScore)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {a.status}
                    {a.respondedVia ? ` via ${a.respondedVia}` : ""}
                  </Text>
                  {a.reason ? (
                    <Text size="xs" c="dimmed">
                      {a.reason}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{formatDateTime(a.askedAt)}</Table.Td>
                {canManage ? (
                  <Table.Td>
                    {a.status === "pending" ? (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          loading={relay.isPending}
                          onClick={() => relay.mutate({ askId: a.id, decision: "accept" })}
                        >
                          Accepted
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          disabled={relay.isPending}
                          onClick={() => {
                            const reason = window.prompt("Why did they decline?") ?? undefined;
                            relay.mutate({ askId: a.id, decision: "decline", reason: reason?.trim() || undefined });
                          }}
                        >
                          Declined
                        </Button>
                      </Group>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {relay.error ? (
        <Text size="sm" c="red" role="alert">
          {relay.error.message}
        </Text>
      ) : null}
    </Card>
  );
}

function Candidates({ request: r, canManage }: { request: ReferenceRequestDetail; canManage: boolean }) {
  const candidates = useRequestCandidates(r.id);
  const ask = useAskCandidate(r.id);
  return (
    <section aria-label="Candidates">
      <Title order={2} fz="md" mb="sm">
        Ranked candidates
      </Title>
      {ask.error ? (
        <Text size="sm" c="red" role="alert" mb="xs">
          {ask.error.message}
        </Text>
      ) : null}
      {candidates.isPending ? (
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      ) : candidates.isError ? (
        <ErrorState error={candidates.error} onRetry={() => candidates.refetch()} />
      ) : (
        <CandidatesList
          match={candidates.data}
          asking={ask.isPending}
          onAsk={
            canManage
              ? (contactId, name) =>
                  ask.mutate(
                    { contactId },
                    {
                      onSuccess: () =>
                        notifications.show({
                          color: "teal",
                          title: "Asked",
                          message: `${name} was emailed a link to answer`,
                        }),
                    },
                  )
              : undefined
          }
        />
      )}
    </section>
  );
}
