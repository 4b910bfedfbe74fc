import { Alert, Card, List, Stack, Text } from "@mantine/core";
import { useLocation } from "react-router";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { AlertIcon } from "../../ui/icons.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { PageLoader } from "../../ui/states.tsx";
import { ApprovalAnswer } from "../content/approval-answer.tsx";
import { useApprovalView, useDecideApproval } from "../content/content.api.ts";
import { channelLabels, kindLabels } from "../content/content-bits.tsx";
import { HubLinkFrame } from "./hub-link-frame.tsx";

/**
 * Behind the approval email's link: the advocate reads the exact words, credit line, channels and term,
 * then approves them or says what to change. Opening the page changes nothing (mail scanners open links).
 */
export function HubContentApprovalPage() {
  const location = useLocation();
  const token = new URLSearchParams(location.hash.replace(/^#/, "")).get("token") ?? "";
  const view = useApprovalView(token);
  const decide = useDecideApproval();
  const { field, general } = fieldErrorsOf(decide.error, ["comment", "token", "decision"]);

  let body: React.ReactNode;
  if (!token || view.isError)
    body = (
      <Alert color="red" variant="light" icon={<AlertIcon />} title="This link did not work" role="alert">
        {token ? fieldErrorsOf(view.error, []).general : "The link has no code: was it copied whole?"}
      </Alert>
    );
  else if (view.isPending) body = <PageLoader label="Opening your content" />;
  else if (decide.isSuccess)
    body = (
      <Text role="status">
        {decide.data.status === "approved"
          ? `Thank you! ${view.data.workspace} may now use it as shown.`
          : `Thank you: ${view.data.workspace} will make the changes and send you the new version.`}
      </Text>
    );
  else {
    const item = view.data;
    body = (
      <Stack>
        <Text size="sm">
          {item.workspace} would like to use this {kindLabels[item.kind].toLowerCase()}, exactly as shown. Nothing is
          used until you approve it.
        </Text>
        <Card withBorder>
          <Text fw={600}>“{item.title}”</Text>
          <RichText html={item.body} mt="xs" aria-label="The words" />
          <Text size="sm" c="dimmed" mt="xs">
            — {item.attributedTo}
          </Text>
          {item.disclosure ? (
            <Text size="xs" c="dimmed">
              ({item.disclosure})
            </Text>
          ) : null}
        </Card>
        <List size="sm" spacing={4}>
          <List.Item>Credited as: {item.attributedTo}</List.Item>
          <List.Item>Used on: {item.channels.map((c) => channelLabels[c]).join(", ")}</List.Item>
          <List.Item>
            Until: {item.usableUntil ? new Date(item.usableUntil).toLocaleDateString() : "no end date agreed"}
          </List.Item>
        </List>
        <FormError message={field("token") ?? general} title="Could not record your answer" />
        <ApprovalAnswer
          pending={decide.isPending}
          commentError={field("comment")}
          onAnswer={(decision, comment) => decide.mutate({ token, decision, ...(comment ? { comment } : {}) })}
        />
        <Text size="xs" c="dimmed">
          This link works once and until {new Date(item.expiresAt).toLocaleDateString()}.
        </Text>
      </Stack>
    );
  }
  return <HubLinkFrame title="Your words, for your approval">{body}</HubLinkFrame>;
}
