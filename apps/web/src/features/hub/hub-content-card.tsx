import type { AdvocateContent } from "@advo/core/content";
import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { ApprovalAnswer } from "../content/approval-answer.tsx";
import { channelLabels, kindLabels } from "../content/content-bits.tsx";
import { useHubContent, useHubContentDecision } from "./hub.api.ts";

/** The advocate's words the team wrote with them: approve what waits for them, see what is in use where. */
export function HubContentCard() {
  const content = useHubContent();
  if (!content.data || content.data.length === 0) return null;
  return (
    <>
      <Title order={2} fz="lg" mt="xs">
        Your words
      </Title>
      {content.data.map((item) => (
        <HubContentItem key={item.id} item={item} />
      ))}
    </>
  );
}

function HubContentItem({ item }: { item: AdvocateContent }) {
  const decide = useHubContentDecision();
  const { field, general } = fieldErrorsOf(decide.error, ["comment", "version", "status"]);
  return (
    <Card component="article" aria-label={`Your ${kindLabels[item.kind].toLowerCase()}: ${item.title}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fw={700}>“{item.title}”</Text>
          <Badge variant="light" color={item.status === "awaiting_approval" ? "yellow" : "teal"} radius="sm">
            {item.status === "awaiting_approval" ? "needs your approval" : item.live ? "in use" : "approved"}
          </Badge>
        </Group>
        <RichText html={item.body} />
        <Text size="xs" c="dimmed">
          — {item.attributedTo}
          {item.disclosure ? ` (${item.disclosure})` : ""} · {item.channels.map((c) => channelLabels[c]).join(", ")}
          {item.usableUntil ? ` · until ${new Date(item.usableUntil).toLocaleDateString()}` : ""}
        </Text>
        {item.dealsUsedIn > 0 ? (
          <Text size="sm" c="teal.8">
            Our sales team shared it with {item.dealsUsedIn === 1 ? "a prospect" : `${item.dealsUsedIn} prospects`}
            {item.dealsWon > 0
              ? `: it helped win ${item.dealsWon === 1 ? "one of those deals" : `${item.dealsWon} of those deals`}.`
              : "."}
          </Text>
        ) : null}
        {item.status === "awaiting_approval" ? (
          <>
            <FormError message={field("version") ?? field("status") ?? general} title="Could not record your answer" />
            <ApprovalAnswer
              pending={decide.isPending}
              commentError={field("comment")}
              onAnswer={(decision, comment) =>
                decide.mutate({ id: item.id, decision, version: item.version, ...(comment ? { comment } : {}) })
              }
            />
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
