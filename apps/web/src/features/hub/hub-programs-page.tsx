import { Badge, Button, Card, CopyButton, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { CopyIcon, FlagIcon } from "../../ui/icons.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { activityLabel } from "../references/references.api.ts";
import {
  type HubProgram,
  type HubReferenceAsk,
  useGetReferralLink,
  useHubPrograms,
  useHubReferenceAsks,
  useHubReferralLinks,
  useRespondToAsk,
  useSetMembership,
} from "./hub.api.ts";

/** My programs, my referral share links and the reference calls I am asked for. */
export function HubProgramsPage() {
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        My programs
      </Title>
      <ReferenceAsks />
      <ReferralLinks />
      <Programs />
    </Stack>
  );
}

const prospectOf = (ask: HubReferenceAsk) =>
  [
    ask.prospect.industry ? `a ${ask.prospect.industry} company` : "a company",
    ask.prospect.employeeCount ? `of ${formatNumber(ask.prospect.employeeCount)} employees` : null,
    ask.prospect.region ? `in ${ask.prospect.region}` : null,
  ]
    .filter(Boolean)
    .join(" ");

function ReferenceAsks() {
  const asks = useHubReferenceAsks();
  if (asks.isPending) return <CardSkeleton lines={2} />;
  if (asks.isError) return <ErrorState error={asks.error} onRetry={() => asks.refetch()} />;
  if (asks.data.length === 0) return null;
  return (
    <Stack gap="sm" aria-label="Reference asks" component="section">
      <Title order={2} fz="lg">
        Reference asks
      </Title>
      {asks.data.map((ask) => (
        <AskCard key={ask.id} ask={ask} />
      ))}
    </Stack>
  );
}

function AskCard({ ask }: { ask: HubReferenceAsk }) {
  const respond = useRespondToAsk();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const { field, general } = fieldErrorsOf(respond.error, ["reason", "decision"]);
  const pending = ask.status === "pending";
  const answer = (decision: "accept" | "decline") =>
    respond.mutate(
      { id: ask.id, decision, reason: reason.trim() || undefined },
      {
        onSuccess: () =>
          notifications.show({
            color: decision === "accept" ? "teal" : "gray",
            title: decision === "accept" ? "Thank you!" : "Declined",
            message:
              decision === "accept"
                ? "The team will be in touch to set up the call."
                : "We won't ask again for this one.",
          }),
      },
    );
  return (
    <Card component="article" aria-label={`Reference ask: ${activityLabel(ask.activity)}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700}>{activityLabel(ask.activity)}</Text>
          <Badge variant="light" color={pending ? "yellow" : ask.status === "accepted" ? "teal" : "gray"} radius="sm">
            {ask.status}
          </Badge>
        </Group>
        <Text size="sm">Would you speak with {prospectOf(ask)}?</Text>
        <Text size="xs" c="dimmed">
          Asked {formatDate(ask.askedAt)}
          {ask.neededBy ? ` · needed by ${formatDate(ask.neededBy)}` : ""}
          {pending ? ` · answer by ${formatDate(ask.expiresAt)}` : ""}
        </Text>
        <FormError message={general} title="Could not send your answer" />
        {pending ? (
          declining ? (
            <Stack gap="xs">
              <Textarea
                label="Reason (optional)"
                placeholder="e.g. busy this month"
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
            </Stack>
          ) : (
            <Group grow>
              <Button color="teal" loading={respond.isPending} onClick={() => answer("accept")}>
                Accept
              </Button>
              <Button variant="default" onClick={() => setDeclining(true)} disabled={respond.isPending}>
                Decline…
              </Button>
            </Group>
          )
        ) : null}
      </Stack>
    </Card>
  );
}

function shareLinks(url: string) {
  const text = "I use this and recommend it. Here is my referral link:";
  const e = encodeURIComponent;
  return [
    { label: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}` },
    { label: "X", href: `https://twitter.com/intent/tweet?text=${e(text)}&url=${e(url)}` },
    { label: "Email", href: `mailto:?subject=${e("A recommendation")}&body=${e(`${text} ${url}`)}` },
  ];
}

function ReferralLinks() {
  const programs = useHubPrograms();
  const links = useHubReferralLinks();
  const getLink = useGetReferralLink();
  const referral = (programs.data ?? []).filter(
    (p) => p.type === "referral" && (p.membership === "joined" || p.membership === "active"),
  );
  if (programs.isPending || links.isPending) return <CardSkeleton lines={2} />;
  if (links.isError) return <ErrorState error={links.error} onRetry={() => links.refetch()} />;
  if (referral.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label="My referral link">
      <Title order={2} fz="lg">
        My referral link
      </Title>
      {referral.map((program) => {
        const link = links.data.find((l) => l.programId === program.id && l.status === "active");
        return (
          <Card key={program.id}>
            <Stack gap="xs">
              <Text fw={600}>{program.name}</Text>
              {link ? (
                <>
                  <TextInput
                    readOnly
                    value={link.shareUrl}
                    aria-label="Referral link"
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <CopyButton value={link.shareUrl}>
                    {({ copied, copy }) => (
                      <Button
                        leftSection={<CopyIcon size={16} />}
                        color={copied ? "teal" : undefined}
                        onClick={copy}
                        fullWidth
                      >
                        {copied ? "Copied" : "Copy link"}
                      </Button>
                    )}
                  </CopyButton>
                  <Group grow gap="xs">
                    {shareLinks(link.shareUrl).map((s) => (
                      <Button
                        key={s.label}
                        component="a"
                        href={s.href}
                        target={s.label === "Email" ? undefined : "_blank"}
                        rel="noopener noreferrer"
                        variant="default"
                        aria-label={`Share on ${s.label}`}
                      >
                        {s.label}
                      </Button>
                    ))}
                  </Group>
                </>
              ) : (
                <>
                  <FormError
                    message={getLink.error ? fieldErrorsOf(getLink.error, []).general : null}
                    title="Could not get your link"
                  />
                  <Button onClick={() => getLink.mutate(program.id)} loading={getLink.isPending} fullWidth>
                    Get my referral link
                  </Button>
                </>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

function Programs() {
  const programs = useHubPrograms();
  if (programs.isPending) return <CardSkeleton lines={3} />;
  if (programs.isError) return <ErrorState error={programs.error} onRetry={() => programs.refetch()} />;
  return (
    <Stack gap="sm" component="section" aria-label="Programs">
      <Title order={2} fz="lg">
        Programs
      </Title>
      {programs.data.length === 0 ? (
        <Card>
          <EmptyPanel
            icon={<FlagIcon size={28} />}
            title="No programs for you yet"
            description="When the team invites you, it shows up here."
          />
        </Card>
      ) : (
        programs.data.map((p) => <ProgramCard key={p.id} program={p} />)
      )}
    </Stack>
  );
}

const membershipLabel: Record<string, string> = {
  invited: "Invited",
  joined: "Member",
  active: "Member",
  lapsed: "Lapsed",
  declined: "Declined",
};

function ProgramCard({ program }: { program: HubProgram }) {
  const membership = useSetMembership();
  const canJoin =
    program.membership === null ||
    program.membership === "invited" ||
    program.membership === "declined" ||
    program.membership === "lapsed";
  return (
    <Card component="article" aria-label={program.name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700} style={{ overflowWrap: "anywhere" }}>
            {program.name}
          </Text>
          <Badge
            variant="light"
            radius="sm"
            color={program.membership === "joined" || program.membership === "active" ? "teal" : "gray"}
            style={{ flex: "none" }}
          >
            {program.membership ? membershipLabel[program.membership] : "Open to you"}
          </Badge>
        </Group>
        {program.description ? <RichText html={program.description} /> : null}
        <FormError
          message={membership.error ? fieldErrorsOf(membership.error, []).general : null}
          title="Could not update"
        />
        {canJoin ? (
          <Group grow>
            <Button
              loading={membership.isPending}
              onClick={() => membership.mutate({ programId: program.id, decision: "join" })}
            >
              Join
            </Button>
            {program.membership === "invited" ? (
              <Button
                variant="default"
                disabled={membership.isPending}
                onClick={() => membership.mutate({ programId: program.id, decision: "decline" })}
              >
                No thanks
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
