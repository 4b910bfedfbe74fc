import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { messageOf } from "../../api/api-error.ts";
import type { FeatureWeight, PropensityModelView, StoredOutcome, TrainPropensityInput } from "../../api/types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { capitalize, formatDateTime, formatNumber } from "../../ui/format.ts";
import { Stat } from "../../ui/stat.tsx";
import { CardSkeleton, EmptyPanel, ErrorState } from "../../ui/states.tsx";
import { usePropensityModel, useTrainPropensity } from "./scoring.api.ts";

const percent = (n: number, digits = 0) => `${(n * 100).toFixed(digits)}%`;

/** The signal features propensity-examples.ts builds, as a person reads them. */
const NUMERIC_LABELS: Record<string, string> = {
  nps: "NPS score",
  npsTrend: "NPS change since the answer before",
  csat: "CSAT score",
  surveyAgeDays: "Days since their last survey answer",
  activeDays: "Active days in the last 90",
  breadth: "Features used in the last 90 days",
  daysSinceActive: "Days since last active",
  tickets: "Support tickets",
  openEscalations: "Open escalated tickets",
  ticketSatisfaction: "Satisfaction with their tickets",
  priorActs: "Advocacy acts so far",
};

const TEXT_STAT_LABELS: Record<string, string> = {
  "sentiment compound (mean)": "Sentiment of what they wrote (mean)",
  "sentiment compound (most negative text)": "Sentiment of their most negative text",
  "sentiment positive share": "Share of positive words in what they wrote",
  "sentiment negative share": "Share of negative words in what they wrote",
  "words (log)": "How much they wrote",
  "no text": "Wrote no comment or ticket",
};

/** A feature that was absent, where "No … on record" reads badly. */
const MISSING_LABELS: Record<string, string> = {
  daysSinceActive: "Never seen active",
  surveyAgeDays: "Never answered a survey",
  npsTrend: "Fewer than two NPS answers",
  ticketSatisfaction: "No rated support ticket",
};

const numericLabel = (name: string) => NUMERIC_LABELS[name] ?? `Attribute “${name}”`;

/** A model feature in words: "No NPS score on record", "Wrote “not recommend”", "Plan: enterprise". */
export function featureLabel(f: Pick<FeatureWeight, "feature" | "kind">): string {
  switch (f.kind) {
    case "numeric":
      return numericLabel(f.feature);
    case "missing": {
      const name = f.feature.replace(/ missing$/, "");
      return MISSING_LABELS[name] ?? `No ${lowerFirst(numericLabel(name))} on record`;
    }
    case "text-stat": {
      const name = f.feature.replace(/^text: /, "");
      return TEXT_STAT_LABELS[name] ?? `What they wrote: ${name}`;
    }
    case "term":
      return `Wrote “${f.feature.replace(/(^|\s)not_/g, "$1not ")}”`;
    case "category": {
      const at = f.feature.indexOf("=");
      const name = f.feature.slice(0, at);
      return `${name === "plan" ? "Plan" : `Attribute “${name}”`}: ${f.feature.slice(at + 1)}`;
    }
  }
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s);

export const outcomeText = (outcome: StoredOutcome) =>
  outcome.kind === "advocacy_act"
    ? `an advocacy act within ${outcome.windowDays} days`
    : `the contact attribute “${outcome.attribute}”`;

function aucVerdict(auc: number): { label: string; color: string } {
  if (auc >= 0.8) return { label: "Predicts well", color: "teal" };
  if (auc >= 0.7) return { label: "Predicts usefully", color: "blue" };
  if (auc >= 0.6) return { label: "Predicts weakly", color: "yellow" };
  return { label: "No better than guessing", color: "red" };
}

/**
 * The workspace's propensity model: how well it tells future advocates from the rest (cross-validated),
 * whether its probabilities can be taken at face value, what drives it, its versions, and training anew.
 */
export function PropensityPanel({ canManage }: { canManage: boolean }) {
  const model = usePropensityModel();
  if (model.isPending) {
    return (
      <Card>
        <CardSkeleton lines={6} />
      </Card>
    );
  }
  if (model.isError) return <ErrorState error={model.error} onRetry={() => model.refetch()} />;
  return (
    <Card>
      <Stack gap="lg">
        <div>
          <Title order={2} fz="md" fw={600}>
            Propensity model
          </Title>
          <Text size="sm" c="dimmed">
            Learns from this workspace’s own history which contacts go on to advocate, and gives every contact a
            probability (shown on their profile and in the advocates list). Its quality is measured on contacts it was
            not trained on.
          </Text>
        </div>
        {model.data ? (
          <ModelReport model={model.data} />
        ) : (
          <EmptyPanel
            title="No model trained yet"
            description="Train one below: it needs enough contacts who advocated, and enough who did not."
          />
        )}
        {canManage ? (
          <TrainForm current={model.data ?? null} />
        ) : (
          <Text size="sm" c="dimmed">
            Only owners and admins train the model.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function ModelReport({ model }: { model: PropensityModelView }) {
  const m = model.metrics;
  const baseRate = m.examples > 0 ? m.positives / m.examples : 0;
  const verdict = aucVerdict(m.mean.auc);
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color={verdict.color} size="lg" tt="none">
          {verdict.label}
        </Badge>
        <Text size="sm">
          Version {model.version}, trained {formatDateTime(model.trainedAt)}, predicts {outcomeText(model.outcome)}.
          Learned from {formatNumber(m.examples)} contacts, {formatNumber(m.positives)} of whom did ({percent(baseRate)}
          ); {m.folds}-fold cross-validated.
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" role="region" aria-label="Model quality">
        <Stat
          label="ROC AUC"
          value={`${m.mean.auc.toFixed(3)} ± ${m.sd.auc.toFixed(3)}`}
          hint="Chance a random advocate ranks above a random non-advocate: 0.5 is a coin toss, 1 is perfect"
        />
        <Stat
          label="Macro-F1"
          value={m.mean.macroF1.toFixed(3)}
          hint="Advocates and the rest told apart at the model’s threshold, both classes weighed alike"
        />
        <Stat
          label="Top 5% precision"
          value={percent(m.mean.precisionAtTop["5%"])}
          hint={`Share of the top-ranked 5% who did, against ${percent(baseRate)} of everyone`}
        />
        <Stat
          label="Calibration error"
          value={`${(m.calibration.ece * 100).toFixed(1)} pts`}
          hint="How far predicted probabilities sit from what happened, on average"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <FeatureList
          title="Makes advocacy likelier"
          features={m.topFeatures.positive}
          color="teal"
          label="Features that make advocacy likelier"
        />
        <FeatureList
          title="Makes advocacy less likely"
          features={m.topFeatures.negative}
          color="red"
          label="Features that make advocacy less likely"
        />
      </SimpleGrid>
      <CalibrationTable model={model} />
      {model.versions.length > 1 ? <Versions model={model} /> : null}
    </Stack>
  );
}

function FeatureList({
  title,
  features,
  color,
  label,
}: {
  title: string;
  features: FeatureWeight[];
  color: string;
  label: string;
}) {
  const shown = features.slice(0, 8);
  const largest = Math.max(...shown.map((f) => Math.abs(f.effect)), 1e-9);
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing stood out.
        </Text>
      ) : (
        <Stack gap={8} component="ol" aria-label={label} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {shown.map((f) => (
            <li key={f.feature}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" truncate title={f.feature}>
                  {featureLabel(f)}
                </Text>
                <Text size="xs" c="dimmed" style={{ fontVariantNumeric: "tabular-nums", flexShrink: 0 }}>
                  {f.effect > 0 ? "+" : "−"}
                  {Math.abs(f.effect).toFixed(2)}
                </Text>
              </Group>
              <Progress value={(Math.abs(f.effect) / largest) * 100} color={color} size="sm" aria-hidden />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function CalibrationTable({ model }: { model: PropensityModelView }) {
  const bins = model.metrics.calibration.bins.filter((b) => b.count > 0);
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        Predicted against what happened
      </Text>
      <Text size="xs" c="dimmed">
        Contacts grouped by the probability the model gave them, on the folds it was not trained on. Close numbers mean
        a 40% can be read as “4 in 10”.
      </Text>
      <Table striped withTableBorder aria-label="Calibration" style={{ fontVariantNumeric: "tabular-nums" }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Predicted</Table.Th>
            <Table.Th ta="right">Contacts</Table.Th>
            <Table.Th ta="right">Mean predicted</Table.Th>
            <Table.Th ta="right">Did advocate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bins.map((b) => (
            <Table.Tr key={b.from}>
              <Table.Td>
                {percent(b.from)}–{percent(b.to)}
              </Table.Td>
              <Table.Td ta="right">{formatNumber(b.count)}</Table.Td>
              <Table.Td ta="right">{percent(b.meanPredicted, 1)}</Table.Td>
              <Table.Td ta="right">{percent(b.observedRate, 1)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Versions({ model }: { model: PropensityModelView }) {
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        Versions
      </Text>
      <Table withTableBorder aria-label="Model versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Trained</Table.Th>
            <Table.Th>Predicts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {model.versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                {v.version}
                {v.id === model.id ? " (in use)" : ""}
              </Table.Td>
              <Table.Td>{formatDateTime(v.trainedAt)}</Table.Td>
              <Table.Td>{outcomeText(v.outcome)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function TrainForm({ current }: { current: PropensityModelView | null }) {
  const train = useTrainPropensity();
  const [target, setTarget] = useState<"act" | "attribute">(
    current?.outcome.kind === "attribute" ? "attribute" : "act",
  );
  const [windowDays, setWindowDays] = useState<number | string>(
    current?.outcome.kind === "advocacy_act" ? current.outcome.windowDays : 90,
  );
  const [attribute, setAttribute] = useState(current?.outcome.kind === "attribute" ? current.outcome.attribute : "");
  const [surveyScores, setSurveyScores] = useState(true);
  const [problem, setProblem] = useState<Record<string, string>>({});
  const { field } = fieldErrorsOf(train.error, ["windowDays", "outcome.attribute", "features"]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const days = Number(windowDays);
    if (target === "act" && (!Number.isInteger(days) || days < 14 || days > 365))
      found.windowDays = "Give a whole number of days from 14 to 365";
    if (target === "attribute" && !attribute.trim()) found.attribute = "Name the yes/no attribute to predict";
    setProblem(found);
    if (Object.keys(found).length > 0) return;
    const input: TrainPropensityInput =
      target === "act"
        ? { windowDays: days, features: { surveyScores } }
        : { outcome: { attribute: attribute.trim() }, features: { surveyScores } };
    train.mutate(input, {
      onSuccess: (trained) =>
        notifications.show({
          color: "teal",
          title: `Model version ${trained.version} trained`,
          message: `Learned from ${formatNumber(trained.contacts.used)} contacts; ${formatNumber(trained.scored)} contacts have a new propensity.`,
        }),
    });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label="Train the propensity model" noValidate>
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {current ? "Train a new version" : "Train the model"}
          </Text>
          <SegmentedControl
            aria-label="What to predict"
            value={target}
            onChange={(v) => setTarget(v as "act" | "attribute")}
            data={[
              { value: "act", label: "An advocacy act" },
              { value: "attribute", label: "A yes/no attribute" },
            ]}
            w="fit-content"
            disabled={train.isPending}
          />
          {target === "act" ? (
            <NumberInput
              label="Within how many days"
              description="Learns from what contacts looked like this many days ago, and whether they then advocated (a review, reference, referral, case study, community answer…)"
              min={14}
              max={365}
              value={windowDays}
              onChange={setWindowDays}
              error={problem.windowDays || field("windowDays")}
              maw={360}
              disabled={train.isPending}
            />
          ) : (
            <TextInput
              label="Attribute"
              description="A contact attribute holding yes/no (true/false, 1/0), e.g. from a CRM import. Contacts without it are left out; it is never a feature."
              placeholder="recommends"
              value={attribute}
              onChange={(e) => setAttribute(e.currentTarget.value)}
              error={problem.attribute || field("outcome.attribute")}
              maw={360}
              disabled={train.isPending}
            />
          )}
          <Switch
            label="Use NPS and CSAT scores as features"
            description="Turn off when what you predict comes from the scores themselves"
            checked={surveyScores}
            onChange={(e) => setSurveyScores(e.currentTarget.checked)}
            disabled={train.isPending}
          />
          {train.error ? <FormError title="Could not train" message={capitalize(messageOf(train.error))} /> : null}
          {train.isPending ? (
            <Alert color="blue" variant="light" role="status">
              Training: every contact’s history is read, the model is fitted five times (each time measured on the
              contacts it did not see) and once on all of them, and every contact is scored again. This takes a few
              seconds per 10,000 contacts.
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={train.isPending}>
              {current ? "Train a new version" : "Train"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
