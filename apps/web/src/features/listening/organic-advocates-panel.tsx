import { Alert, Anchor, Button, Card, Group, List, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router";
import type { LifecycleStage } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatNumber, personName } from "../../ui/format.ts";
import { StarIcon } from "../../ui/icons.tsx";
import { LifecycleBadge } from "../../ui/lifecycle-badge.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { usePrograms } from "../programs/programs.api.ts";
import { type InviteResult, type OrganicAdvocate, useInviteToProgram, useOrganicAdvocates } from "./listening.api.ts";
import { MentionText } from "./mentions-panel.tsx";
import { SentimentBadge } from "./sentiment-badge.tsx";

export interface InviteOutcome {
  contactId: string;
  name: string;
  programName: string;
  result: InviteResult;
}

function InviteForm({
  advocate,
  name,
  onInvited,
}: {
  advocate: OrganicAdvocate;
  name: string;
  onInvited: (outcome: InviteOutcome) => void;
}) {
  const programs = usePrograms();
  const invite = useInviteToProgram();
  const [programId, setProgramId] = useState<string | null>(null);
  const open = (programs.data ?? []).filter((p) => p.status === "active" || p.status === "draft");
  const { field, general } = fieldErrorsOf(invite.error, ["contactIds"]);
  const programName = open.find((p) => p.id === programId)?.name ?? "the program";
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label="Program"
          aria-label={`Program to invite ${name} to`}
          placeholder={programs.isPending ? "Loading programs…" : "Choose a program"}
          data={open.map((p) => ({ value: p.id, label: p.name }))}
          value={programId}
          onChange={(v) => {
            setProgramId(v);
            invite.reset();
          }}
          error={field("contactIds")}
          searchable
          style={{ flex: 1 }}
        />
        <Button
          disabled={!programId}
          loading={invite.isPending}
          onClick={() => {
            if (!programId) return;
            // mutateAsync, not mutate's callbacks: the card unmounts when the invited contact leaves the
            // refreshed list, and a per-call onSuccess of an unmounted observer never runs.
            invite
              .mutateAsync({ programId, contactId: advocate.contact.id })
              .then((result) => {
                onInvited({ contactId: advocate.contact.id, name, programName, result });
                if (result.invited > 0) {
                  notifications.show({ color: "teal", title: `${name} invited`, message: programName });
                }
              })
              .catch(() => {
                // Shown by FormError from invite.error while the card is on screen.
              });
          }}
        >
          Invite to program
        </Button>
      </Group>
      <FormError message={general} title="Could not invite" />
    </Stack>
  );
}

/** What the server did with an invitation: invited (the card then leaves the list), already a member, or skipped and why. */
function OutcomeAlert({ outcome }: { outcome: InviteOutcome }) {
  const { name, programName, result } = outcome;
  if (result.skipped.length > 0) {
    return (
      <Alert color="orange" variant="light" title={`${name} was not invited to ${programName}`} role="status">
        <List size="sm">
          {[...new Set(result.skipped.flatMap((s) => s.reasons))].map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  if (result.invited === 0) {
    return (
      <Alert color="blue" variant="light" role="status">
        {name} is already a member of {programName}.
      </Alert>
    );
  }
  return (
    <Alert color="teal" variant="light" role="status">
      {name} was invited to {programName}.
    </Alert>
  );
}

function AdvocateCard({
  advocate,
  canInvite,
  onInvited,
}: {
  advocate: OrganicAdvocate;
  canInvite: boolean;
  onInvited: (outcome: InviteOutcome) => void;
}) {
  const name = personName(advocate.contact);
  return (
    <Card component="section" aria-label={name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} fz="md">
            <Anchor component={Link} to={`/contacts/${advocate.contact.id}`} c="var(--mantine-color-text)">
              {name}
            </Anchor>
          </Title>
          {advocate.contact.email && advocate.contact.email !== name ? (
            <Text size="xs" c="dimmed" truncate>
              {advocate.contact.email}
            </Text>
          ) : null}
        </div>
        <LifecycleBadge stage={advocate.contact.lifecycleStage as LifecycleStage} />
      </Group>
      <Group gap="lg" mb="sm">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Mean sentiment
          </Text>
          <SentimentBadge compound={advocate.meanSentiment} />
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Mentions
          </Text>
          <Text fw={600}>{formatNumber(advocate.mentions)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Reach
          </Text>
          <Text fw={600}>{formatNumber(advocate.reach)}</Text>
        </div>
      </Group>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
        Evidence
      </Text>
      <Stack gap="xs" mb="md">
        {advocate.evidence.slice(0, 3).map((m) => (
          <Group key={m.id} gap="xs" align="flex-start" wrap="nowrap">
            <SentimentBadge compound={m.sentiment} />
            <MentionText mention={m} />
          </Group>
        ))}
        {advocate.mentions > 3 ? (
          <Anchor component={Link} to={`/listening?contact=${advocate.contact.id}`} size="xs">
            All {formatNumber(advocate.mentions)} mentions
          </Anchor>
        ) : null}
      </Stack>
      {canInvite ? <InviteForm advocate={advocate} name={name} onInvited={onInvited} /> : null}
    </Card>
  );
}

export function OrganicAdvocatesPanel() {
  const advocates = useOrganicAdvocates();
  const canInvite = useCan("programs:manage");
  const [outcomes, setOutcomes] = useState<InviteOutcome[]>([]);
  const onInvited = (outcome: InviteOutcome) =>
    setOutcomes((list) => [outcome, ...list.filter((o) => o.contactId !== outcome.contactId)].slice(0, 5));
  if (advocates.isPending) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (advocates.isError) return <ErrorState error={advocates.error} onRetry={() => advocates.refetch()} />;
  // Outcomes stay on screen even when the invited contact was the last suggestion.
  const outcomeList =
    outcomes.length > 0 ? (
      <Stack gap="xs" mb="md">
        {outcomes.map((o) => (
          <OutcomeAlert key={o.contactId} outcome={o} />
        ))}
      </Stack>
    ) : null;
  if (advocates.data.length === 0) {
    return (
      <>
        {outcomeList}
        <Card>
          <EmptyPanel
            icon={<StarIcon size={28} />}
            title="No organic advocates yet"
            description="Contacts whose mentions are net positive and who are not yet invited appear here."
          />
        </Card>
      </>
    );
  }
  return (
    <>
      <Text size="sm" c="dimmed" mb="md">
        Customers who already praise you unprompted and are not in a program yet: most positive × widest reach first.
      </Text>
      {outcomeList}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {advocates.data.map((a) => (
          <AdvocateCard key={a.contact.id} advocate={a} canInvite={canInvite} onInvited={onInvited} />
        ))}
      </SimpleGrid>
    </>
  );
}
