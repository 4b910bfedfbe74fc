import { Button, Card, Group, Select, Stack, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { useAwardBadge, useBadges, useCreateShoutout } from "./rewards.api.ts";

/** Recognise an advocate by hand: a manual badge ("Speaker"), or a public shout-out on the hub. */
export function RecognitionCard({ contactId }: { contactId: string }) {
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        Recognise
      </Title>
      <Stack gap="lg">
        <AwardBadgeForm contactId={contactId} />
        <ShoutoutForm contactId={contactId} />
      </Stack>
    </Card>
  );
}

function AwardBadgeForm({ contactId }: { contactId: string }) {
  const badges = useBadges();
  const award = useAwardBadge(contactId);
  const [badgeId, setBadgeId] = useState<string | null>(null);
  const manual = (badges.data ?? []).filter((b) => b.rule.kind === "manual");
  const { general } = fieldErrorsOf(award.error, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!badgeId) return;
    award.mutate(badgeId, {
      onSuccess: () => {
        notifications.show({
          color: "teal",
          title: "Badge awarded",
          message: manual.find((b) => b.id === badgeId)?.name ?? "",
        });
        setBadgeId(null);
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Award a badge">
      <Stack gap="xs">
        <FormError message={general} title="Could not award" />
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Select
            label="Award a badge"
            placeholder={badges.isPending ? "Loading…" : manual.length ? "Choose a badge" : "No hand-awarded badges"}
            data={manual.map((b) => ({ value: b.id, label: `${b.icon ? `${b.icon} ` : ""}${b.name}` }))}
            value={badgeId}
            onChange={setBadgeId}
            disabled={manual.length === 0}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" disabled={!badgeId} loading={award.isPending}>
            Award
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ShoutoutForm({ contactId }: { contactId: string }) {
  const create = useCreateShoutout();
  const [message, setMessage] = useState("");
  const { field, general } = fieldErrorsOf(create.error, ["message", "contactId", "programId"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { contactId, message },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", title: "Shout-out posted", message: "It shows on the advocate hub." });
          setMessage("");
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Give a shout-out">
      <Stack gap="xs">
        <FormError message={general} title="Could not post" />
        <Textarea
          label="Shout-out"
          description="Public on the hub; their name shows only if they agreed to public recognition."
          autosize
          minRows={2}
          value={message}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setMessage(value);
          }}
          error={field("message")}
        />
        <Button type="submit" variant="default" disabled={!message.trim()} loading={create.isPending}>
          Post shout-out
        </Button>
      </Stack>
    </form>
  );
}
