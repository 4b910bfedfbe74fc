import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
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
import {
  type GoalMetric,
  type GoalPeriod,
  goalMetrics,
  goalPeriods,
  optionsOf,
  type Program,
  type ProgramStatus,
  type ProgramType,
  programStatuses,
  programTypes,
} from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { blankToNull } from "../../ui/format.ts";
import { PlusIcon, TrashIcon } from "../../ui/icons.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { plainText } from "../../ui/rich-text.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useProgram, useSaveProgram } from "./programs.api.ts";
import { SegmentSelect } from "./segment-select.tsx";

interface GoalRow {
  key: number;
  metric: GoalMetric;
  target: number | string;
  period: GoalPeriod;
}

interface ProgramValues {
  name: string;
  type: ProgramType;
  status: ProgramStatus;
  description: string;
  goals: GoalRow[];
  budgetPoints: number | string;
  eligibilitySegmentId: string | null;
  landingUrl: string;
}

let goalKey = 0;

function valuesOf(program?: Program): ProgramValues {
  return {
    name: program?.name ?? "",
    type: program?.type ?? "referral",
    status: program?.status ?? "active",
    description: program ? plainText(program.description) : "",
    goals: (program?.goals ?? []).map((g) => ({
      key: ++goalKey,
      metric: g.metric,
      target: g.target,
      period: g.period as GoalPeriod,
    })),
    budgetPoints: program?.budgetPoints ?? "",
    eligibilitySegmentId: program?.eligibilitySegmentId ?? null,
    landingUrl: program?.landingUrl ?? "",
  };
}

const numberOrNull = (value: number | string) => (value === "" || value === null ? null : Number(value));

export function NewProgramPage() {
  return (
    <>
      <PageHeader title="New program" back={{ to: "/programs", label: "Programs" }} />
      <ProgramForm />
    </>
  );
}

export function EditProgramPage() {
  const { id = "" } = useParams();
  const program = useProgram(id);
  const back = { to: `/programs/${id}`, label: program.data?.name ?? "Program" };
  return (
    <>
      <PageHeader title="Edit program" back={back} />
      {program.isPending ? (
        <Card>
          <CardSkeleton lines={6} />
        </Card>
      ) : program.isError ? (
        <ErrorState error={program.error} onRetry={() => program.refetch()} />
      ) : (
        <ProgramForm program={program.data} />
      )}
    </>
  );
}

const known = ["name", "type", "status", "description", "goals", "budgetPoints", "eligibilitySegmentId", "landingUrl"];

function ProgramForm({ program }: { program?: Program }) {
  const navigate = useNavigate();
  const save = useSaveProgram(program?.id);
  const [values, setValues] = useState(() => valuesOf(program));
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof ProgramValues>(key: K, value: ProgramValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setGoal = (key: number, patch: Partial<GoalRow>) =>
    setValues((v) => ({ ...v, goals: v.goals.map((g) => (g.key === key ? { ...g, ...patch } : g)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload = {
      name: values.name,
      status: values.status,
      description: values.description,
      goals: values.goals.map((g) => ({ metric: g.metric, target: Number(g.target), period: g.period })),
      budgetPoints: numberOrNull(values.budgetPoints),
      eligibilitySegmentId: values.eligibilitySegmentId,
      landingUrl: blankToNull(values.landingUrl),
      ...(program ? {} : { type: values.type }),
    };
    save.mutate(payload, {
      onSuccess: (saved) => {
        notifications.show({
          color: "teal",
          title: program ? "Program saved" : "Program created",
          message: saved.name,
        });
        navigate(`/programs/${saved.id}`);
      },
    });
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={program ? "Edit program" : "New program"}>
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
            <Select
              label="Type"
              data={optionsOf(programTypes)}
              value={values.type}
              onChange={(value) => value && set("type", value as ProgramType)}
              allowDeselect={false}
              disabled={Boolean(program)}
              description={program ? "A program's type is fixed" : undefined}
              error={field("type")}
            />
            <Select
              label="Status"
              data={optionsOf(programStatuses)}
              value={values.status}
              onChange={(value) => value && set("status", value as ProgramStatus)}
              allowDeselect={false}
              error={field("status")}
            />
            <NumberInput
              label="Points budget"
              description="Blank: no budget"
              min={0}
              thousandSeparator=","
              value={values.budgetPoints}
              onChange={(value) => set("budgetPoints", value)}
              error={field("budgetPoints")}
            />
            <SegmentSelect
              label="Eligibility segment"
              description="Members of this saved segment may join; none: invitation only"
              value={values.eligibilitySegmentId}
              onChange={(value) => set("eligibilitySegmentId", value)}
              error={field("eligibilitySegmentId")}
              placeholder="Invitation only"
            />
            <TextInput
              label="Landing URL"
              description="Where a referral link lands"
              placeholder="https://example.com/welcome"
              type="url"
              value={values.landingUrl}
              onChange={(e) => set("landingUrl", e.currentTarget.value)}
              error={field("landingUrl")}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            description="Shown to advocates in their hub"
            autosize
            minRows={3}
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={field("description")}
          />
          <div>
            <Group justify="space-between" mb="xs">
              <div>
                <Title order={3} fz="md">
                  Goals
                </Title>
                <Text size="xs" c="dimmed">
                  Targets the program list tracks progress against.
                </Text>
              </div>
              <Button
                variant="default"
                size="xs"
                leftSection={<PlusIcon size={14} />}
                onClick={() =>
                  set("goals", [...values.goals, { key: ++goalKey, metric: "members", target: 100, period: "quarter" }])
                }
              >
                Add goal
              </Button>
            </Group>
            {field("goals") ? (
              <Text size="xs" c="red" mb="xs" role="alert">
                {field("goals")}
              </Text>
            ) : null}
            <Stack gap="xs">
              {values.goals.map((goal, index) => (
                <Group key={goal.key} gap="xs" align="flex-end" wrap="wrap">
                  <Select
                    label="Metric"
                    aria-label={`Goal ${index + 1} metric`}
                    data={optionsOf(goalMetrics)}
                    value={goal.metric}
                    onChange={(value) => value && setGoal(goal.key, { metric: value as GoalMetric })}
                    allowDeselect={false}
                    w={200}
                  />
                  <NumberInput
                    label="Target"
                    aria-label={`Goal ${index + 1} target`}
                    min={1}
                    value={goal.target}
                    onChange={(value) => setGoal(goal.key, { target: value })}
                    error={field(`goals.${index}.target`)}
                    w={140}
                  />
                  <Select
                    label="Period"
                    aria-label={`Goal ${index + 1} period`}
                    data={optionsOf(goalPeriods)}
                    value={goal.period}
                    onChange={(value) => value && setGoal(goal.key, { period: value as GoalPeriod })}
                    allowDeselect={false}
                    w={130}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Remove goal ${index + 1}`}
                    onClick={() =>
                      set(
                        "goals",
                        values.goals.filter((g) => g.key !== goal.key),
                      )
                    }
                  >
                    <TrashIcon size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          </div>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => navigate(program ? `/programs/${program.id}` : "/programs")}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {program ? "Save changes" : "Create program"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
