import { Button, Group, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { useRespondWithToken } from "./hub.api.ts";
import { HubLinkFrame } from "./hub-link-frame.tsx";

/** Behind the reference-ask email's link: accept or decline without signing in (the token is the credential). */
export function HubAskRespondPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const respond = useRespondWithToken();
  const [declining, setDeclining] = useState(params.get("decision") === "decline");
  const [reason, setReason] = useState("");
  const { field, general } = fieldErrorsOf(respond.error, ["reason", "decision", "token"]);
  const answer = (decision: "accept" | "decline") =>
    respond.mutate({ token, decision, reason: reason.trim() || undefined });
  return (
    <HubLinkFrame title="A reference request">
      {respond.isSuccess ? (
        <>
          <Text role="status">
            {respond.data.status === "accepted"
              ? "Thank you! The team will be in touch to set up the call."
              : "Thanks for letting us know. We won't ask you for this one again."}
          </Text>
          <Button component={Link} to="/hub" variant="light">
            Open your hub
          </Button>
        </>
      ) : !token ? (
        <Text>This link is missing its code. Open the link from your email again, or sign in to your hub.</Text>
      ) : (
        <>
          <Text size="sm">
            One of our prospects would like to hear from a customer like you. Will you take the call?
          </Text>
          <FormError message={field("token") ?? general} title="Could not record your answer" />
          {declining ? (
            <>
              <Textarea
                label="Reason (optional)"
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={field("reason")}
                autosize
                minRows={2}
              />
              <Group grow>
                <Button variant="default" onClick={() => setDeclining(false)}>
                  Back
                </Button>
                <Button color="red" loading={respond.isPending} onClick={() => answer("decline")}>
                  Decline
                </Button>
              </Group>
            </>
          ) : (
            <Group grow>
              <Button color="teal" loading={respond.isPending} onClick={() => answer("accept")}>
                Accept
              </Button>
              <Button variant="default" onClick={() => setDeclining(true)}>
                Decline…
              </Button>
            </Group>
          )}
        </>
      )}
    </HubLinkFrame>
  );
}
