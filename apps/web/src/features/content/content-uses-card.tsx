import {
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { messageOf } from "../../api/api-error.ts";
import type { ContentDetail, ContentUse } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { formatAmount } from "../analytics/impact-format.ts";
import { useCan } from "../auth/auth.api.ts";
import { useContentUses, useSaveContentUse } from "./content.api.ts";

const outcomes = [
  { value: "open", label: "Open" },
  { value: "won", label: "Won" },
  { value: "lost", label: "Lost" },
];

/** Sales may use it now: published, within its term, cleared for sales. */
const usableInSales = (item: ContentDetail) =>
  item.status === "published" &&
  item.channels.includes("sales") &&
  (!item.usableUntil || Date.parse(item.usableUntil) > Date.now());

/** The deals sales used this content in, how each ended, and a way to record another. */
export function ContentUsesCard({ item }: { item: ContentDetail }) {
  const canUse = useCan("content:use");
  const uses = useContentUses(item.id);
  const save = useSaveContentUse(item.id);
  const [recording, setRecording] = useState(false);
  const setOutcome = (use: ContentUse, dealStatus: "open" | "won" | "lost") =>
    save.mutate(
      { useId: use.id, outcome: { dealStatus } },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: "teal",
            message: `${saved.prospectName ?? saved.opportunityId}: ${dealStatus}`,
          }),
        onError: (error) => notifications.show({ color: "red", title: "Not saved", message: messageOf(error) }),
      },
    );
  const usable = usableInSales(item);
  return (
    <Card aria-label="Used in deals">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md">
          Used in deals
        </Title>
        {canUse && usable ? (
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            Record a use
          </Button>
        ) : null}
      </Group>
      {uses.isPending ? (
        <CardSkeleton lines={3} />
      ) : uses.isError ? (
        <ErrorState error={uses.error} onRetry={() => uses.refetch()} />
      ) : uses.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {usable
            ? "Not used in a deal yet. When sales sends it to a prospect, record the opportunity here: the impact report counts the pipeline it influenced and credits the advocate with what it helped win."
            : "Only published content that its advocate cleared for sales can be used in deals."}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Opportunity</Table.Th>
                <Table.Th>Deal</Table.Th>
                <Table.Th>Used</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {uses.data.map((use) => (
                <Table.Tr key={use.id}>
                  <Table.Td>
                    <Text size="sm">{use.prospectName ?? use.opportunityId}</Text>
                    <Text size="xs" c="dimmed">
                      {use.prospectName ? `${use.opportunityId} · ` : ""}
                      {use.recordedBy ?? ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{use.dealAmount === null ? "—" : formatAmount(use.dealAmount, use.currency)}</Text>
                    {use.dealStatus === "won" && use.wonAmount !== null && use.wonAmount !== use.dealAmount ? (
                      <Text size="xs" c="dimmed">
                        won for {formatAmount(use.wonAmount, use.currency)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatDate(use.usedAt)}</Table.Td>
                  <Table.Td>
                    {canUse ? (
                      <Select
                        size="xs"
                        w={110}
                        aria-label={`Outcome of ${use.prospectName ?? use.opportunityId}`}
                        data={outcomes}
                        value={use.dealStatus}
                        allowDeselect={false}
                        onChange={(value) => value && setOutcome(use, value as ContentUse["dealStatus"])}
                      />
                    ) : (
                      (outcomes.find((o) => o.value === use.dealStatus)?.label ?? use.dealStatus)
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={recording} onClose={() => setRecording(false)} title={`Used “${item.title}” in a deal`}>
        <RecordUseForm contentId={item.id} onDone={() => setRecording(false)} />
      </Modal>
    </Card>
  );
}

function RecordUseForm({ contentId, onDone }: { contentId: string; onDone: () => void }) {
  const save = useSaveContentUse(contentId);
  const [opportunityId, setOpportunityId] = useState("");
  const [prospectName, setProspectName] = useState("");
  const [dealAmount, setDealAmount] = useState<number | string>("");
  const [currency, setCurrency] = useState("USD");
  const [note, setNote] = useState("");
  const { field, general } = fieldErrorsOf(save.error, [
    "opportunityId",
    "prospectName",
    "dealAmount",
    "currency",
    "note",
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        record: {
          opportunityId: opportunityId.trim(),
          ...(prospectName.trim() ? { prospectName: prospectName.trim() } : {}),
          ...(dealAmount === "" ? {} : { dealAmount: Number(dealAmount) }),
          currency: currency.trim().toUpperCase(),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: "teal", message: `Recorded for ${saved.prospectName ?? saved.opportunityId}.` });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={general} />
        <TextInput
          label="Opportunity ID"
          description="As your CRM names it: the same opportunity as a reference call is the same deal"
          required
          value={opportunityId}
          onChange={(e) => setOpportunityId(e.currentTarget.value)}
          error={field("opportunityId")}
          data-autofocus
        />
        <TextInput
          label="Prospect"
          value={prospectName}
          onChange={(e) => setProspectName(e.currentTarget.value)}
          error={field("prospectName")}
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label="Deal amount"
            min={0}
            thousandSeparator=","
            value={dealAmount}
            onChange={setDealAmount}
            error={field("dealAmount")}
          />
          <TextInput
            label="Currency"
            maxLength={3}
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
            error={field("currency")}
          />
        </SimpleGrid>
        <Textarea
          label="Note"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={field("note")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Record
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
