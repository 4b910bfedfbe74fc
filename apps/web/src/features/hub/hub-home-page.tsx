import { Anchor, Badge, Button, Card, FileInput, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import type { Challenge } from "../../api/program-types.ts";
import { labelOf } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { FlagIcon } from "../../ui/icons.tsx";
import { RichText } from "../../ui/rich-text.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { StandingSummary } from "../rewards/points-tab.tsx";
import {
  type EvidenceInput,
  useHubChallenges,
  useHubMe,
  useHubStanding,
  useHubSubmissions,
  useSubmitEvidence,
} from "./hub.api.ts";
import { HubCommunityCard } from "./hub-community-card.tsx";
import { HubContentCard } from "./hub-content-card.tsx";

export function HubHomePage() {
  const me = useHubMe();
  const standing = useHubStanding();
  const challenges = useHubChallenges();
  const submissions = useHubSubmissions();
  // How many of my answers count towards each challenge's per-advocate limit (pending or approved).
  const answered = new Map<string, { count: number; pending: boolean }>();
  for (const s of submissions.data ?? []) {
    if (s.state === "rejected") continue;
    const seen = answered.get(s.challengeId) ?? { count: 0, pending: false };
    answered.set(s.challengeId, { count: seen.count + 1, pending: seen.pending || s.state === "pending" });
  }
  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        Hi{me.data?.firstName ? ` ${me.data.firstName}` : ""} 👋
      </Title>
      <Card>
        {standing.isPending ? (
          <CardSkeleton lines={3} />
        ) : standing.isError ? (
          <ErrorState error={standing.error} onRetry={() => standing.refetch()} />
        ) : (
          <StandingSummary standing={standing.data} />
        )}
      </Card>
      <HubContentCard />
      <HubCommunityCard />
      <Title order={2} fz="lg" mt="xs">
        Challenges for you
      </Title>
      {challenges.isPending ? (
        <Card>
          <CardSkeleton lines={4} />
        </Card>
      ) : challenges.isError ? (
        <ErrorState error={challenges.error} onRetry={() => challenges.refetch()} />
      ) : challenges.data.length === 0 ? (
        <Card>
          <EmptyPanel
            icon={<FlagIcon size={28} />}
            title="No open challenges right now"
            description="New asks will show up here. Thank you for being an advocate!"
          />
        </Card>
      ) : (
        challenges.data.map((c) => <ChallengeCard key={c.id} challenge={c} answered={answered.get(c.id)} />)
      )}
    </Stack>
  );
}

function ChallengeCard({
  challenge,
  answered,
}: {
  challenge: Challenge;
  answered: { count: number; pending: boolean } | undefined;
}) {
  const [open, setOpen] = useState(false);
  const done =
    answered !== undefined && challenge.perAdvocateLimit !== null && answered.count >= challenge.perAdvocateLimit;
  return (
    <Card component="article" aria-label={challenge.title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} style={{ overflowWrap: "anywhere" }}>
              {challenge.title}
            </Text>
            <Text size="xs" c="dimmed">
              {labelOf(challenge.type)}
              {challenge.endsAt ? ` · until ${formatDate(challenge.endsAt)}` : ""}
              {challenge.approval === "review" ? " · reviewed by the team" : ""}
            </Text>
          </div>
          <Badge size="lg" variant="light" color="teal" radius="sm" style={{ flex: "none" }}>
            +{formatNumber(challenge.points)}
          </Badge>
        </Group>
        <RichText html={challenge.description} />
        {challenge.targetUrl ? (
          <Anchor href={challenge.targetUrl} target="_blank" rel="noopener noreferrer" size="sm">
            Open the page for this challenge ↗
          </Anchor>
        ) : null}
        {challenge.incentivised && challenge.disclosure ? (
          <Text size="xs" c="dimmed" fs="italic">
            {challenge.disclosure}
          </Text>
        ) : null}
        {done ? (
          <Badge variant="light" color={answered?.pending ? "yellow" : "teal"} radius="sm" size="lg" w="fit-content">
            {answered?.pending ? "Waiting for review" : "Completed ✓"}
          </Badge>
        ) : open ? (
          <EvidenceForm challenge={challenge} onDone={() => setOpen(false)} />
        ) : (
          <Button onClick={() => setOpen(true)} fullWidth mt={4}>
            Complete this challenge
          </Button>
        )}
      </Stack>
    </Card>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function EvidenceForm({ challenge, onDone }: { challenge: Challenge; onDone: () => void }) {
  const submit = useSubmitEvidence();
  const [url, setUrl] = useState("");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { field, general } = fieldErrorsOf(submit.error, ["evidence"]);
  const wants = (kind: "url" | "text" | "file") => challenge.evidence.includes(kind);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setFileError(null);
    const evidence: EvidenceInput = {};
    if (url.trim()) evidence.url = url.trim();
    if (text.trim()) evidence.text = text.trim();
    if (file) {
      if (file.size > 5 * 1024 * 1024) return setFileError("Files up to 5 MB, please");
      evidence.file = {
        name: file.name,
        contentType: file.type || "application/octet-stream",
        dataBase64: await readBase64(file),
      };
    }
    submit.mutate(
      { challengeId: challenge.id, evidence },
      {
        onSuccess: (s) => {
          notifications.show({
            color: "teal",
            title: s.state === "approved" ? `+${formatNumber(s.points)} points` : "Sent for review",
            message: s.state === "approved" ? "Thank you!" : "We'll let you know once the team has looked at it.",
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={send} noValidate aria-label={`Evidence for ${challenge.title}`}>
      <Stack gap="sm" mt={4}>
        <FormError message={general} title="Could not send" />
        {wants("url") || challenge.evidence.length === 0 ? (
          <TextInput
            label="Link"
            type="url"
            placeholder="https://"
            required={wants("url")}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={field("evidence.url")}
          />
        ) : null}
        {wants("text") ? (
          <Textarea
            label="Your answer"
            required
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={field("evidence.text")}
          />
        ) : null}
        {wants("file") ? (
          <FileInput
            label="File"
            placeholder="Choose a file (up to 5 MB)"
            required
            value={file}
            onChange={setFile}
            clearable
            error={fileError ?? field("evidence.file")}
          />
        ) : null}
        {field("evidence") && !field("evidence.url") && !field("evidence.text") && !field("evidence.file") ? (
          <Text size="xs" c="red" role="alert">
            {field("evidence")}
          </Text>
        ) : null}
        <Group grow>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={submit.isPending}>
            Submit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
