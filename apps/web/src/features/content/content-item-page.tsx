import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { messageOf } from "../../api/api-error.ts";
import type { ContentDetail } from "../../api/types.ts";
import { formatDate, formatDateTime } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { Stat } from "../../ui/stat.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useCan } from "../auth/auth.api.ts";
import { type ContentCommand, useContent, useContentCommand } from "./content.api.ts";
import { attributionLabels, ContentStatusBadge, channelLabels, kindLabels } from "./content-bits.tsx";
import { ContentUsesCard } from "./content-uses-card.tsx";

const back = { to: "/content", label: "Content" };

const actionWords: Record<string, string> = {
  created: "Drafted",
  edited: "Edited",
  sent_for_approval: "Sent for approval",
  approved_by_advocate: "Approved by the advocate",
  changes_requested: "The advocate asked for changes",
  published: "Published",
  retired: "Retired",
  used_in_deal: "Used in a deal",
};

export function ContentItemPage() {
  const { id = "" } = useParams();
  const content = useContent(id);
  if (content.isPending)
    return (
      <>
        <PageHeader title="Content" back={back} />
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      </>
    );
  if (content.isError)
    return (
      <>
        <PageHeader title="Content" back={back} />
        <ErrorState error={content.error} onRetry={() => content.refetch()} />
      </>
    );
  return <ContentView item={content.data} />;
}

function ContentView({ item }: { item: ContentDetail }) {
  const canManage = useCan("programs:manage");
  const command = useContentCommand(item.id);
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState("");
  const run = (name: ContentCommand, done: string) =>
    command.mutate(
      { command: name, ...(name === "retire" && reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          setRetiring(false);
          notifications.show({ color: "teal", message: done });
        },
        onError: (error) => notifications.show({ color: "red", title: "Not done", message: messageOf(error) }),
      },
    );
  const asking = item.status === "draft" || item.status === "changes_requested" || item.status === "awaiting_approval";
  const actions =
    canManage && item.status !== "retired" ? (
      <Group gap="sm">
        <Button variant="default" component={Link} to={`/content/${item.id}/edit`}>
          Edit
        </Button>
        {asking ? (
          <Button
            onClick={() => run("request-approval", "Sent to the advocate for approval.")}
            loading={command.isPending}
            disabled={!item.contactId}
          >
            {item.status === "awaiting_approval" ? "Send the link again" : "Send for approval"}
          </Button>
        ) : null}
        {item.status === "approved" ? (
          <Button onClick={() => run("publish", "Published to the library.")} loading={command.isPending}>
            Publish
          </Button>
        ) : null}
        <Button variant="subtle" color="red" onClick={() => setRetiring(true)}>
          Retire
        </Button>
      </Group>
    ) : null;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            {item.title}
            <ContentStatusBadge status={item.status} />
          </Group>
        }
        description={`${kindLabels[item.kind]} · version ${item.version}`}
        back={back}
        actions={actions}
      />
      <Stack gap="lg">
        {item.status === "changes_requested" && item.advocateComment ? (
          <Alert color="orange" title="The advocate asked for changes">
            {item.advocateComment}
          </Alert>
        ) : null}
        {item.status === "awaiting_approval" && item.approvalExpiresAt ? (
          <Alert color="yellow" title="Waiting for the advocate">
            They have a link to approve this version or ask for changes, until {formatDate(item.approvalExpiresAt)}.
            Editing it now stops that link working.
          </Alert>
        ) : null}
        {!item.contactId && item.status !== "retired" ? (
          <Alert color="gray" title="No advocate named">
            Name the advocate it quotes (Edit): they approve it before it can be used.
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stat label="Credit line" value={item.attributedTo} hint={attributionLabels[item.attribution]} />
          <Stat label="Cleared for" value={item.channels.map((c) => channelLabels[c]).join(", ")} />
          <Stat
            label="Usable until"
            value={item.usableUntil ? formatDate(item.usableUntil) : "No end agreed"}
            hint={
              item.approvedVersion
                ? `Version ${item.approvedVersion} approved ${formatDate(item.approvedAt)}`
                : "Not approved yet"
            }
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card>
            <Title order={2} fz="md" mb="sm">
              The words
            </Title>
            <RichText html={item.body} aria-label="Content text" />
            <Text size="sm" c="dimmed" mt="sm">
              — {item.attributedTo}
            </Text>
            {item.disclosure ? (
              <Text size="xs" c="dimmed" mt={4}>
                Disclosure, to show with it: {item.disclosure}
              </Text>
            ) : null}
            {item.contactId ? (
              <Text size="xs" mt="md">
                Advocate:{" "}
                <Anchor component={Link} to={`/contacts/${item.contactId}`}>
                  {item.contactName ?? "their profile"}
                </Anchor>
              </Text>
            ) : null}
          </Card>
          <Card>
            <Title order={2} fz="md" mb="sm">
              History
            </Title>
            <Timeline bulletSize={16} lineWidth={2} active={item.history.length}>
              {item.history.map((event, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: history is append-only
                <Timeline.Item key={index} title={`${actionWords[event.action] ?? event.action} (v${event.version})`}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(event.at)} · {event.actor.name ?? event.actor.type}
                  </Text>
                  {event.detail ? <Text size="sm">{event.detail}</Text> : null}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </SimpleGrid>
        <ContentUsesCard item={item} />
      </Stack>
      <Modal opened={retiring} onClose={() => setRetiring(false)} title={`Retire “${item.title}”`}>
        <Stack>
          <Text size="sm">It leaves the library for good; its history stays.</Text>
          <Textarea label="Why (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button color="red" onClick={() => run("retire", "Retired.")} loading={command.isPending}>
              Retire content
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
