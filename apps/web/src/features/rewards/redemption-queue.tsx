import { Anchor, Button, Card, Group, Modal, Select, Stack, Table, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { optionsOf, type Redemption, type RedemptionState, redemptionStates } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { InboxIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useUrlParam } from "../../ui/use-url-filters.ts";
import { StatusBadge } from "../programs/program-bits.tsx";
import { formatCents } from "./money.ts";
import { useDecideRedemption, useRedemptions } from "./rewards.api.ts";

/** Redemptions by state: requested ones wait for approve / reject, approved ones for fulfilment. */
export function RedemptionQueue({ canManage }: { canManage: boolean }) {
  const [stateParam, setState] = useUrlParam("state");
  const state = (redemptionStates as readonly string[]).includes(stateParam)
    ? (stateParam as RedemptionState)
    : stateParam === "all"
      ? undefined
      : "requested";
  const redemptions = useRedemptions({ state });
  const decide = useDecideRedemption();
  const [rejecting, setRejecting] = useState<Redemption | null>(null);

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Text size="sm" c="dimmed">
          Points are taken when an advocate redeems; a rejection refunds them and returns the stock.
        </Text>
        <Select
          aria-label="Redemption state"
          data={[...optionsOf(redemptionStates), { value: "all", label: "All" }]}
          value={state ?? "all"}
          onChange={(value) => setState(value === "requested" ? null : value)}
          allowDeselect={false}
          w={160}
        />
      </Group>
      {decide.error ? (
        <div style={{ padding: 16 }}>
          <FormError message={fieldErrorsOf(decide.error, []).general} title="Could not update the redemption" />
        </div>
      ) : null}
      {redemptions.isPending ? (
        <TableSkeleton columns={6} rows={4} />
      ) : redemptions.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={redemptions.error} onRetry={() => redemptions.refetch()} />
        </div>
      ) : redemptions.data.length === 0 ? (
        <EmptyPanel
          icon={<InboxIcon size={28} />}
          title={state === "requested" ? "No redemptions waiting" : "No redemptions here"}
          description={state === "requested" ? "Redemptions that need your approval will wait here." : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Redemptions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Advocate</Table.Th>
                <Table.Th>Reward</Table.Th>
                <Table.Th ta="right">Points</Table.Th>
                <Table.Th ta="right">Value</Table.Th>
                <Table.Th>Requested</Table.Th>
                <Table.Th>State</Table.Th>
                {canManage ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {redemptions.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${r.contactId}?tab=points`} size="sm" fw={600}>
                      {r.contactName ?? "Unnamed contact"}
                    </Anchor>
                  </Table.Td>
                  <Table.Td fz="sm">
                    {r.rewardName ?? r.rewardId}
                    {Object.keys(r.details).length > 0 ? (
                      <Text size="xs" c="dimmed">
                        {Object.entries(r.details)
                          .map(([k, v]) => `${k}: ${v}`)
                          .join(" · ")}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatNumber(r.points)}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatCents(r.valueCents)}
                  </Table.Td>
                  <Table.Td fz="sm">{formatDateTime(r.requestedAt)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.state} />
                    {r.rejectionReason ? (
                      <Text size="xs" c="dimmed">
                        {r.rejectionReason}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {r.state === "requested" ? (
                          <>
                            <Button
                              size="xs"
                              color="teal"
                              loading={decide.isPending && decide.variables?.id === r.id}
                              onClick={() => decide.mutate({ id: r.id, decision: "approve" })}
                            >
                              Approve
                            </Button>
                            <Button size="xs" variant="default" onClick={() => setRejecting(r)}>
                              Reject
                            </Button>
                          </>
                        ) : null}
                        {r.state === "approved" ? (
                          <Button
                            size="xs"
                            loading={decide.isPending && decide.variables?.id === r.id}
                            onClick={() =>
                              decide.mutate(
                                { id: r.id, decision: "fulfil" },
                                {
                                  onSuccess: () =>
                                    notifications.show({
                                      color: "teal",
                                      title: "Fulfilled",
                                      message: r.rewardName ?? "",
                                    }),
                                },
                              )
                            }
                          >
                            Mark fulfilled
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RejectRedemptionModal redemption={rejecting} onClose={() => setRejecting(null)} />
    </Card>
  );
}

function RejectRedemptionModal({ redemption, onClose }: { redemption: Redemption | null; onClose: () => void }) {
  const decide = useDecideRedemption();
  const [reason, setReason] = useState("");
  const { field, general } = fieldErrorsOf(decide.error, ["reason", "decision"]);
  const close = () => {
    decide.reset();
    setReason("");
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!redemption) return;
    decide.mutate(
      { id: redemption.id, decision: "reject", reason },
      {
        onSuccess: () => {
          notifications.show({
            color: "gray",
            title: "Rejected",
            message: `${formatNumber(redemption.points)} points refunded`,
          });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={redemption !== null} onClose={close} title="Reject redemption" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={general} title="Could not reject" />
          <Text size="sm" c="dimmed">
            {formatNumber(redemption?.points ?? 0)} points go back to {redemption?.contactName ?? "the advocate"}.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setReason(value);
            }}
            error={field("reason")}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={decide.isPending}>
              Reject and refund
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
