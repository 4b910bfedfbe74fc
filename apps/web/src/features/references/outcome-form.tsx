import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { type ReferenceRequestDetail, useRecordOutcome } from "./references.api.ts";

/** The call (completed / no-show) and the deal (open / won / lost, amount). */
export function OutcomeForm({ request }: { request: ReferenceRequestDetail }) {
  const record = useRecordOutcome(request.id);
  const [callStatus, setCallStatus] = useState<string | null>(request.callStatus);
  const [dealStatus, setDealStatus] = useState<string | null>(request.dealStatus);
  const [amount, setAmount] = useState<number | string>(request.wonAmount ?? request.dealAmount ?? "");
  const [notes, setNotes] = useState(request.outcomeNotes ?? "");
  const { field, general } = fieldErrorsOf(record.error, [
    "callStatus",
    "dealStatus",
    "dealAmount",
    "wonAmount",
    "notes",
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = amount === "" ? undefined : Number(amount);
    record.mutate(
      {
        callStatus: (callStatus ?? undefined) as "completed" | "no_show" | undefined,
        dealStatus: (dealStatus ?? undefined) as "open" | "won" | "lost" | undefined,
        dealAmount: dealStatus === "won" ? undefined : value,
        wonAmount: dealStatus === "won" ? value : undefined,
        notes: notes.trim() || undefined,
      },
      {
        onSuccess: () =>
          notifications.show({ color: "teal", title: "Outcome recorded", message: request.prospectName }),
      },
    );
  };
  return (
    <Card component="form" onSubmit={submit} noValidate aria-label="Record the outcome">
      <Stack>
        <Title order={2} fz="md">
          Outcome
        </Title>
        <FormError message={general} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Call"
            placeholder="Not yet"
            data={[
              { value: "completed", label: "Completed" },
              { value: "no_show", label: "No-show" },
            ]}
            value={callStatus}
            onChange={setCallStatus}
            error={field("callStatus")}
          />
          <Select
            label="Deal"
            data={[
              { value: "open", label: "Open" },
              { value: "won", label: "Won" },
              { value: "lost", label: "Lost" },
            ]}
            value={dealStatus}
            onChange={setDealStatus}
            error={field("dealStatus")}
          />
          <NumberInput
            label={dealStatus === "won" ? "Won amount" : "Deal amount"}
            min={0}
            thousandSeparator=","
            value={amount}
            onChange={setAmount}
            error={field("wonAmount") ?? field("dealAmount")}
          />
        </SimpleGrid>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={field("notes")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            Save outcome
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
