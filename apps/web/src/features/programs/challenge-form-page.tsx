import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import {
  type Challenge,
  type ChallengeType,
  challengeTypes,
  type EvidenceKind,
  evidenceKinds,
  labelOf,
  optionsOf,
  reviewSites,
} from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { blankToNull } from "../../ui/format.ts";
import { PageHeader } from "../../ui/page-header.tsx";
import { plainText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useChallenge, useProgram, useSaveChallenge } from "./programs.api.ts";
import { SegmentSelect } from "./segment-select.tsx";

type ChallengeStatus = Challenge["status"];

interface ChallengeValues {
  type: ChallengeType;
  title: string;
  description: string;
  points: number | string;
  audienceSegmentId: string | null;
  startsAt: string;
  endsAt: string;
  perAdvocateLimit: number | string;
  totalLimit: number | string;
  evidence: EvidenceKind[];
  approval: "automatic" | "review";
  reviewSite: string | null;
  targetUrl: string;
  disclosure: string;
  gatingReason: string;
  status: ChallengeStatus;
}

/** ISO → the value of a datetime-local input (local time, minutes). */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);
const numberOrNull = (value: number | string) => (value === "" ? null : Number(value));

function valuesOf(c?: Challenge): ChallengeValues {
  return {
    type: c?.type ?? "custom",
    title: c?.title ?? "",
    description: c ? plainText(c.description) : "",
    points: c?.points ?? 100,
    audienceSegmentId: c?.audienceSegmentId ?? null,
    startsAt: toLocalInput(c?.startsAt ?? null),
    endsAt: toLocalInput(c?.endsAt ?? null),
    perAdvocateLimit: c ? (c.perAdvocateLimit ?? "") : 1,
    totalLimit: c?.totalLimit ?? "",
    evidence: c?.evidence ?? ["url"],
    approval: c?.approval ?? "review",
    reviewSite: c?.reviewSite ?? null,
    targetUrl: c?.targetUrl ?? "",
    disclosure: c?.disclosure ?? "",
    gatingReason: "",
    status: c?.status ?? "active",
  };
}

export function NewChallengePage() {
  const { id = "" } = useParams();
  const program = useProgram(id);
  return (
    <>
      <PageHeader
        title="New challenge"
        description={program.data ? `In ${program.data.name}` : undefined}
        back={{ to: `/programs/${id}`, label: program.data?.name ?? "Program" }}
      />
      <ChallengeForm programId={id} />
    </>
  );
}

export function EditChallengePage() {
  const { id = "" } = useParams();
  const challenge = useChallenge(id);
  const programId = challenge.data?.programId;
  const back = programId ? { to: `/programs/${programId}`, label: "Program" } : { to: "/programs", label: "Programs" };
  return (
    <>
      <PageHeader title={challenge.data ? `Edit “${challenge.data.title}”` : "Edit challenge"} back={back} />
      {challenge.isPending ? (
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      ) : challenge.isError ? (
        <ErrorState error={challenge.error} onRetry={() => challenge.refetch()} />
      ) : (
        <ChallengeForm challenge={challenge.data} programId={challenge.data.programId} />
      )}
    </>
  );
}

const known = [
  "type",
  "title",
  "description",
  "points",
  "audienceSegmentId",
  "startsAt",
  "endsAt",
  "perAdvocateLimit",
  "totalLimit",
  "evidence",
  "approval",
  "reviewSite",
  "targetUrl",
  "disclosure",
  "gatingOverride",
  "status",
];

function ChallengeForm({ challenge, programId }: { challenge?: Challenge; programId: string | null }) {
  const navigate = useNavigate();
  const save = useSaveChallenge(challenge?.id);
  const [values, setValues] = useState(() => valuesOf(challenge));
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof ChallengeValues>(key: K, value: ChallengeValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const editing = Boolean(challenge);
  const isReview = values.type === "review";
  const back = programId ? `/programs/${programId}` : "/programs";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      title: values.title,
      description: values.description,
      points: Number(values.points),
      startsAt: fromLocalInput(values.startsAt),
      endsAt: fromLocalInput(values.endsAt),
      totalLimit: numberOrNull(values.totalLimit),
      status: values.status,
    };
    const payload = editing
      ? common
      : {
          ...common,
          programId,
          type: values.type,
          audienceSegmentId: values.audienceSegmentId,
          perAdvocateLimit: numberOrNull(values.perAdvocateLimit),
          evidence: values.evidence,
          approval: values.approval,
          reviewSite: isReview ? values.reviewSite : null,
          targetUrl: blankToNull(values.targetUrl),
          disclosure: blankToNull(values.disclosure),
          ...(values.gatingReason.trim() ? { gatingOverride: { reason: values.gatingReason } } : {}),
        };
    save.mutate(payload, {
      onSuccess: (saved) => {
        notifications.show({
          color: "teal",
          title: editing ? "Challenge saved" : "Challenge created",
          message: saved.title,
        });
        navigate(saved.programId ? `/programs/${saved.programId}` : "/programs");
      },
    });
  };

  const gatingError = field("gatingOverride");
  const audienceError = field("audienceSegmentId");

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={editing ? "Edit challenge" : "New challenge"}>
        <Stack gap="md">
          <FormError message={general} />
          {editing ? (
            <Alert color="gray" variant="light">
              Type, audience, limits per advocate, evidence, approval, review site and disclosure are fixed once a
              challenge exists: advocates may already have answered under them.
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Title"
              required
              value={values.title}
              onChange={(e) => set("title", e.currentTarget.value)}
              error={field("title")}
            />
            <Select
              label="Type"
              data={optionsOf(challengeTypes)}
              value={values.type}
              onChange={(value) => value && set("type", value as ChallengeType)}
              allowDeselect={false}
              disabled={editing}
              error={field("type")}
            />
            <NumberInput
              label="Points"
              required
              min={0}
              thousandSeparator=","
              value={values.points}
              onChange={(value) => set("points", value)}
              error={field("points")}
            />
            <SegmentSelect
              label="Audience segment"
              description="Only its members see and may answer; none: every member"
              value={values.audienceSegmentId}
              onChange={(value) => set("audienceSegmentId", value)}
              error={audienceError}
              placeholder="Everyone in the program"
            />
            <TextInput
              label="Starts"
              type="datetime-local"
              value={values.startsAt}
              onChange={(e) => set("startsAt", e.currentTarget.value)}
              error={field("startsAt")}
            />
            <TextInput
              label="Ends"
              type="datetime-local"
              value={values.endsAt}
              onChange={(e) => set("endsAt", e.currentTarget.value)}
              error={field("endsAt")}
            />
            <NumberInput
              label="Limit per advocate"
              description="Blank: unlimited"
              min={1}
              value={values.perAdvocateLimit}
              onChange={(value) => set("perAdvocateLimit", value)}
              disabled={editing}
              error={field("perAdvocateLimit")}
            />
            <NumberInput
              label="Total limit"
              description="Completions across all advocates; blank: unlimited"
              min={1}
              value={values.totalLimit}
              onChange={(value) => set("totalLimit", value)}
              error={field("totalLimit")}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Evidence required"
            value={values.evidence}
            onChange={(value) => set("evidence", value as EvidenceKind[])}
            error={field("evidence")}
          >
            <Group mt={6}>
              {evidenceKinds.map((kind) => (
                <Checkbox key={kind} value={kind} label={kind === "url" ? "Link" : labelOf(kind)} disabled={editing} />
              ))}
            </Group>
          </Checkbox.Group>
          <div>
            <Text size="sm" fw={500} mb={4} id="approval-label">
              Approval
            </Text>
            <SegmentedControl
              aria-labelledby="approval-label"
              value={values.approval}
              onChange={(value) => set("approval", value as "automatic" | "review")}
              data={[
                { value: "review", label: "Manager review" },
                { value: "automatic", label: "Automatic" },
              ]}
              disabled={editing}
            />
            {field("approval") ? (
              <Text size="xs" c="red" mt={4}>
                {field("approval")}
              </Text>
            ) : null}
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {isReview ? (
              <Select
                label="Review site"
                description="Per-site incentive caps apply"
                data={optionsOf(reviewSites)}
                value={values.reviewSite}
                onChange={(value) => set("reviewSite", value)}
                clearable
                disabled={editing}
                error={field("reviewSite")}
              />
            ) : null}
            <TextInput
              label="Target URL"
              description="Where the advocate goes to do it"
              placeholder="https://"
              type="url"
              value={values.targetUrl}
              onChange={(e) => set("targetUrl", e.currentTarget.value)}
              disabled={editing}
              error={field("targetUrl")}
            />
          </SimpleGrid>
          <Textarea
            label="Disclosure"
            description="Travels with anything produced under this incentive; blank: the workspace's default"
            autosize
            minRows={2}
            value={values.disclosure}
            onChange={(e) => set("disclosure", e.currentTarget.value)}
            disabled={editing}
            error={field("disclosure")}
          />
          {!editing && isReview && (values.audienceSegmentId || gatingError || audienceError) ? (
            <Textarea
              label="Review-gating override reason"
              description="A review ask aimed at a satisfaction-filtered audience is refused unless the workspace policy allows an audited override."
              autosize
              minRows={2}
              value={values.gatingReason}
              onChange={(e) => set("gatingReason", e.currentTarget.value)}
              error={gatingError}
            />
          ) : null}
          <Textarea
            label="Description"
            description="What to do, in the advocate's words"
            autosize
            minRows={3}
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={field("description")}
          />
          <Select
            label="Status"
            data={optionsOf(["active", "paused", "archived"])}
            value={values.status}
            onChange={(value) => value && set("status", value as ChallengeStatus)}
            allowDeselect={false}
            w={200}
            error={field("status")}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => navigate(back)}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? "Save changes" : "Create challenge"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
