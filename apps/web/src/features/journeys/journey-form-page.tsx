import {
  ActionIcon,
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
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { Journey, JourneyStep } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { ChevronIcon, PlusIcon, TrashIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useEvents } from "../community/community.api.ts";
import { usePrograms } from "../programs/programs.api.ts";
import { SegmentSelect } from "../programs/segment-select.tsx";
import { EmailPreviewButton } from "./email-preview.tsx";
import { useJourney, useSaveJourney } from "./journeys.api.ts";

type StepType = JourneyStep["type"];
type StepRow = { key: number } & Record<string, unknown> & { type: StepType };

const stepTypes: { value: StepType; label: string }[] = [
  { value: "send_email", label: "Send an email" },
  { value: "wait", label: "Wait" },
  { value: "invite_to_program", label: "Invite to a program" },
  { value: "invite_to_event", label: "Invite to an event" },
  { value: "award_points", label: "Award points" },
  { value: "set_lifecycle_stage", label: "Move the lifecycle stage" },
];
const stages = ["invited", "onboarded", "active", "champion"].map((s) => ({ value: s, label: s }));

let stepKey = 0;
const blankStep = (type: StepType): StepRow => {
  const key = ++stepKey;
  switch (type) {
    case "send_email":
      return { key, type, subject: "", body: "Hi {{firstName}},\n\n", ask: true };
    case "wait":
      return { key, type, days: 3 };
    case "invite_to_program":
      return { key, type, programId: null };
    case "invite_to_event":
      return { key, type, eventId: null, message: "" };
    case "award_points":
      return { key, type, points: 50, reason: "" };
    case "set_lifecycle_stage":
      return { key, type, stage: "active" };
  }
};

const triggerTypes: { value: Values["triggerType"]; label: string }[] = [
  { value: "segment_joined", label: "Joins a segment" },
  { value: "segment_left", label: "Leaves a segment" },
  { value: "event_received", label: "Does something" },
  { value: "survey_answered", label: "Answers a survey" },
];

// Where a survey's scale starts and ends.
const surveyScale = { nps: [0, 10], csat: [1, 5] } as const;

function triggerOf(values: Values): Journey["trigger"] {
  switch (values.triggerType) {
    case "event_received":
      return { type: "event_received", event: values.eventName };
    case "survey_answered":
      return {
        type: "survey_answered",
        kind: values.surveyKind,
        minScore: Number(values.minScore),
        maxScore: Number(values.maxScore),
        ...(values.surveyName.trim() ? { survey: values.surveyName.trim() } : {}),
      };
    default:
      return { type: values.triggerType, segmentId: values.segmentId ?? "" };
  }
}

interface Values {
  name: string;
  description: string;
  triggerType: Journey["trigger"]["type"];
  segmentId: string | null;
  eventName: string;
  surveyKind: "nps" | "csat";
  minScore: number | string;
  maxScore: number | string;
  surveyName: string;
  condition: string;
  goal: string;
  allowReentry: boolean;
  steps: StepRow[];
}

const valuesOf = (journey?: Journey): Values => ({
  name: journey?.name ?? "",
  description: journey?.description ?? "",
  triggerType: journey?.trigger.type ?? "segment_joined",
  segmentId: journey && "segmentId" in journey.trigger ? journey.trigger.segmentId : null,
  eventName: journey?.trigger.type === "event_received" ? journey.trigger.event : "",
  surveyKind: journey?.trigger.type === "survey_answered" ? journey.trigger.kind : "nps",
  minScore: journey?.trigger.type === "survey_answered" ? journey.trigger.minScore : 9,
  maxScore: journey?.trigger.type === "survey_answered" ? journey.trigger.maxScore : 10,
  surveyName: journey?.trigger.type === "survey_answered" ? (journey.trigger.survey ?? "") : "",
  condition: journey?.condition ?? "",
  goal: journey?.goal ?? "",
  allowReentry: journey?.allowReentry ?? false,
  steps: (journey?.steps ?? [{ type: "send_email", subject: "", body: "Hi {{firstName}},\n\n", ask: true }]).map(
    (s) => ({ ...s, key: ++stepKey }) as StepRow,
  ),
});

export function NewJourneyPage() {
  return (
    <>
      <PageHeader title="New journey" back={{ to: "/journeys", label: "Journeys" }} />
      <JourneyForm />
    </>
  );
}

export function EditJourneyPage() {
  const { id = "" } = useParams();
  const journey = useJourney(id);
  return (
    <>
      <PageHeader title="Edit journey" back={{ to: `/journeys/${id}`, label: journey.data?.name ?? "Journey" }} />
      {journey.isPending ? (
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      ) : journey.isError ? (
        <ErrorState error={journey.error} onRetry={() => journey.refetch()} />
      ) : (
        <JourneyForm journey={journey.data} />
      )}
    </>
  );
}

const known = ["name", "description", "trigger", "condition", "goal", "allowReentry", "steps"];

function JourneyForm({ journey }: { journey?: Journey }) {
  const navigate = useNavigate();
  const save = useSaveJourney(journey?.id);
  const programs = usePrograms();
  // Invitations go to events still to come.
  const events = useEvents({ when: "upcoming" });
  const [values, setValues] = useState(() => valuesOf(journey));
  const [adding, setAdding] = useState<StepType | null>(null);
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setStep = (key: number, patch: Record<string, unknown>) =>
    setValues((v) => ({ ...v, steps: v.steps.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  const move = (index: number, by: -1 | 1) =>
    setValues((v) => {
      const steps = [...v.steps];
      const [step] = steps.splice(index, 1);
      if (step) steps.splice(index + by, 0, step);
      return { ...v, steps };
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const steps = values.steps.map(({ key: _key, ...step }) => {
      if (step.type === "wait") return { type: step.type, days: Number(step.days) };
      const onlyIf = String(step.onlyIf ?? "").trim() || null;
      if (step.type === "award_points") return { ...step, points: Number(step.points), onlyIf };
      if (step.type === "invite_to_event")
        return {
          type: step.type,
          eventId: step.eventId,
          message: String(step.message ?? "").trim() || undefined,
          onlyIf,
        };
      return { ...step, onlyIf };
    }) as JourneyStep[];
    save.mutate(
      {
        name: values.name,
        description: values.description.trim() || null,
        trigger: triggerOf(values),
        condition: values.condition.trim() || null,
        goal: values.goal.trim() || null,
        allowReentry: values.allowReentry,
        steps,
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: "teal",
            title: journey ? "Journey saved" : "Journey created",
            message: journey ? saved.name : `${saved.name} is a draft: activate it to start.`,
          });
          navigate(`/journeys/${saved.id}`);
        },
      },
    );
  };

  const programOptions = (programs.data ?? [])
    .filter((p) => p.status !== "archived")
    .map((p) => ({ value: p.id, label: p.name }));
  const eventOptions = (events.data ?? [])
    .filter((e) => e.status === "scheduled")
    .map((e) => ({ value: e.id, label: `${e.title} (${e.startsAt.slice(0, 10)})` }));

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={journey ? "Edit journey" : "New journey"}>
        <Stack gap="md">
          <FormError message={general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Name"
              required
              value={values.name}
              onChange={(e) => set("name", e.currentTarget.value)}
              error={field("name")}
            />
            <TextInput
              label="Description"
              value={values.description}
              onChange={(e) => set("description", e.currentTarget.value)}
              error={field("description")}
            />
          </SimpleGrid>
          <div>
            <Title order={3} fz="md" mb={4}>
              Trigger
            </Title>
            <Stack gap="sm">
              <SegmentedControl
                aria-label="When a contact"
                value={values.triggerType}
                onChange={(value) => set("triggerType", value as Values["triggerType"])}
                data={triggerTypes}
                style={{ alignSelf: "flex-start" }}
              />
              {values.triggerType === "event_received" ? (
                <TextInput
                  label="Event"
                  description="The event's name as your product tracks it, e.g. Integration Connected. Each time a contact sends it (once the journey is active) they enter."
                  required
                  value={values.eventName}
                  onChange={(e) => set("eventName", e.currentTarget.value)}
                  error={field("trigger")}
                />
              ) : values.triggerType === "survey_answered" ? (
                <Stack gap={4}>
                  <Group align="flex-start" gap="md" wrap="wrap">
                    <Select
                      label="Survey"
                      w={160}
                      allowDeselect={false}
                      value={values.surveyKind}
                      onChange={(kind) => {
                        if (!kind) return;
                        // The top of the new scale: promoters (NPS 9–10) or the satisfied (CSAT 4–5).
                        const high = surveyScale[kind as Values["surveyKind"]][1];
                        setValues((v) => ({
                          ...v,
                          surveyKind: kind as Values["surveyKind"],
                          minScore: high - 1,
                          maxScore: high,
                        }));
                      }}
                      data={[
                        { value: "nps", label: "NPS (0–10)" },
                        { value: "csat", label: "CSAT (1–5)" },
                      ]}
                    />
                    <NumberInput
                      label="Lowest score"
                      w={140}
                      min={surveyScale[values.surveyKind][0]}
                      max={surveyScale[values.surveyKind][1]}
                      allowDecimal={false}
                      value={values.minScore}
                      onChange={(value) => set("minScore", value)}
                      error={field("trigger.minScore")}
                    />
                    <NumberInput
                      label="Highest score"
                      w={140}
                      min={surveyScale[values.surveyKind][0]}
                      max={surveyScale[values.surveyKind][1]}
                      allowDecimal={false}
                      value={values.maxScore}
                      onChange={(value) => set("maxScore", value)}
                      error={field("trigger.maxScore")}
                    />
                    <TextInput
                      label="Survey name contains (optional)"
                      description="e.g. Event: for event feedback; empty: any survey of this kind"
                      style={{ flex: 1, minWidth: 220 }}
                      value={values.surveyName}
                      onChange={(e) => set("surveyName", e.currentTarget.value)}
                      error={field("trigger.survey")}
                    />
                  </Group>
                  <Text size="sm" c="dimmed">
                    Each answer in this range, once the journey is active, enrolls who gave it.
                  </Text>
                </Stack>
              ) : (
                <SegmentSelect
                  label="Saved segment"
                  value={values.segmentId}
                  onChange={(value) => set("segmentId", value)}
                  error={field("trigger")}
                  placeholder="Choose a segment"
                />
              )}
            </Stack>
          </div>
          <TextInput
            label="Condition (optional)"
            description="Segment language, checked on entry and before every step, e.g. open_tickets = 0 and nps >= 9"
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            value={values.condition}
            onChange={(e) => set("condition", e.currentTarget.value)}
            error={field("condition")}
          />
          <TextInput
            label="Goal (optional)"
            description='What the journey is for, e.g. in_program("Champions Circle"): who gets there leaves it, converted; who is there already does not enter'
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            value={values.goal}
            onChange={(e) => set("goal", e.currentTarget.value)}
            error={field("goal")}
          />
          <Checkbox
            label="A contact who finished may go through again on a later trigger"
            checked={values.allowReentry}
            onChange={(e) => set("allowReentry", e.currentTarget.checked)}
          />
          <div>
            <Title order={3} fz="md">
              Steps
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              Run in order for each contact. Emails may use {"{{firstName}}"}, {"{{lastName}}"}, {"{{name}}"},{" "}
              {"{{company}}"} and {"{{email}}"}.
            </Text>
            {field("steps") && !values.steps.some((_, i) => field(`steps.${i}`)) ? (
              <Text size="xs" c="red" mb="xs" role="alert">
                {field("steps")}
              </Text>
            ) : null}
            <Stack gap="sm">
              {values.steps.map((step, index) => (
                <Card key={step.key} withBorder p="sm" aria-label={`Step ${index + 1}`} component="section">
                  <Group justify="space-between" mb="xs" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {index + 1}. {stepTypes.find((t) => t.value === step.type)?.label}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Move step ${index + 1} up`}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                      >
                        <ChevronIcon size={16} style={{ transform: "rotate(-90deg)" }} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Move step ${index + 1} down`}
                        disabled={index === values.steps.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        <ChevronIcon size={16} style={{ transform: "rotate(90deg)" }} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove step ${index + 1}`}
                        onClick={() =>
                          set(
                            "steps",
                            values.steps.filter((s) => s.key !== step.key),
                          )
                        }
                      >
                        <TrashIcon size={16} />
                      </ActionIcon>
                    </Group>
                  </Group>
                  <StepFields
                    step={step}
                    index={index}
                    programs={programOptions}
                    events={eventOptions}
                    error={(name) => field(`steps.${index}.${name}`)}
                    onChange={(patch) => setStep(step.key, patch)}
                  />
                  {step.type === "wait" ? null : (
                    <TextInput
                      mt="xs"
                      label="Only if (optional)"
                      aria-label={`Step ${index + 1} only if`}
                      description="Segment language; who does not match when the step comes skips it, e.g. nps >= 9"
                      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                      value={String(step.onlyIf ?? "")}
                      onChange={(e) => setStep(step.key, { onlyIf: e.currentTarget.value })}
                      error={field(`steps.${index}.onlyIf`)}
                    />
                  )}
                </Card>
              ))}
            </Stack>
            <Group gap="xs" mt="sm">
              <Select
                aria-label="Step to add"
                placeholder="Add a step…"
                data={stepTypes}
                value={adding}
                onChange={(value) => setAdding(value as StepType | null)}
                w={240}
              />
              <Button
                variant="default"
                leftSection={<PlusIcon size={14} />}
                disabled={!adding}
                onClick={() => {
                  if (!adding) return;
                  set("steps", [...values.steps, blankStep(adding)]);
                  setAdding(null);
                }}
              >
                Add step
              </Button>
            </Group>
          </div>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => navigate(journey ? `/journeys/${journey.id}` : "/journeys")}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {journey ? "Save changes" : "Create journey"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function StepFields({
  step,
  index,
  programs,
  events,
  error,
  onChange,
}: {
  step: StepRow;
  index: number;
  programs: { value: string; label: string }[];
  events: { value: string; label: string }[];
  error: (name: string) => string | undefined;
  onChange: (patch: Record<string, unknown>) => void;
}) {
  const n = index + 1;
  switch (step.type) {
    case "send_email":
      return (
        <Stack gap="xs">
          <TextInput
            label="Subject"
            aria-label={`Step ${n} subject`}
            value={String(step.subject ?? "")}
            onChange={(e) => onChange({ subject: e.currentTarget.value })}
            error={error("subject")}
          />
          <Textarea
            label="Body"
            aria-label={`Step ${n} body`}
            autosize
            minRows={3}
            value={String(step.body ?? "")}
            onChange={(e) => onChange({ body: e.currentTarget.value })}
            error={error("body")}
          />
          <Group justify="space-between" gap="sm">
            <Checkbox
              label="This email asks for something (it counts against the ask-fatigue limits)"
              checked={Boolean(step.ask)}
              onChange={(e) => onChange({ ask: e.currentTarget.checked })}
            />
            <EmailPreviewButton subject={String(step.subject ?? "")} body={String(step.body ?? "")} step={n} />
          </Group>
        </Stack>
      );
    case "wait":
      return (
        <NumberInput
          label="Days"
          aria-label={`Step ${n} days`}
          description="0.5 is twelve hours"
          min={0.01}
          max={365}
          decimalScale={2}
          w={160}
          value={step.days as number}
          onChange={(value) => onChange({ days: value })}
          error={error("days")}
        />
      );
    case "invite_to_program":
      return (
        <Select
          label="Program"
          aria-label={`Step ${n} program`}
          data={programs}
          value={(step.programId as string | null) ?? null}
          onChange={(value) => onChange({ programId: value })}
          searchable
          error={error("programId")}
        />
      );
    case "invite_to_event":
      return (
        <Stack gap="xs">
          <Select
            label="Event"
            aria-label={`Step ${n} event`}
            description="An invitation is an ask: consent and ask-fatigue limits apply"
            data={events}
            value={(step.eventId as string | null) ?? null}
            onChange={(value) => onChange({ eventId: value })}
            searchable
            error={error("eventId")}
          />
          <TextInput
            label="Personal note (optional)"
            aria-label={`Step ${n} note`}
            value={String(step.message ?? "")}
            onChange={(e) => onChange({ message: e.currentTarget.value })}
            error={error("message")}
          />
        </Stack>
      );
    case "award_points":
      return (
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NumberInput
            label="Points"
            aria-label={`Step ${n} points`}
            min={1}
            w={140}
            value={step.points as number}
            onChange={(value) => onChange({ points: value })}
            error={error("points")}
          />
          <TextInput
            label="Reason"
            aria-label={`Step ${n} reason`}
            style={{ flex: 1, minWidth: 220 }}
            value={String(step.reason ?? "")}
            onChange={(e) => onChange({ reason: e.currentTarget.value })}
            error={error("reason")}
          />
        </Group>
      );
    case "set_lifecycle_stage":
      return (
        <Select
          label="Stage"
          aria-label={`Step ${n} stage`}
          description="Only ever moves a contact forward"
          data={stages}
          value={String(step.stage)}
          onChange={(value) => value && onChange({ stage: value })}
          allowDeselect={false}
          w={200}
        />
      );
  }
}
