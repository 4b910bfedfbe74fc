import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { capitalize } from "../../ui/format.ts";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { askKinds, type FatigueSettings, useFatigueSettings, useSetFatigueSettings } from "./settings.api.ts";

/** Ask fatigue: how often one contact may be asked for anything, per kind, and the rest days after an ask. */
export function FatiguePanel({ canManage }: { canManage: boolean }) {
  const settings = useFatigueSettings();
  return (
    <Card>
      <Title order={2} fz="lg">
        Ask fatigue
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Limits every module respects before asking a contact for something — a program invitation, a reference, a
        referral or a review. Contacts at a limit are skipped and told apart in the results.
      </Text>
      {settings.isPending ? (
        <CardSkeleton lines={4} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <FatigueForm initial={settings.data} canManage={canManage} />
      )}
    </Card>
  );
}

type Value = number | string;
const toNumber = (v: Value) => (typeof v === "number" ? v : Number(v));

function FatigueForm({ initial, canManage }: { initial: FatigueSettings; canManage: boolean }) {
  const save = useSetFatigueSettings();
  const [values, setValues] = useState(() => ({
    maxAsksPerQuarter: (initial.maxAsksPerQuarter ?? "") as Value,
    perKind: Object.fromEntries(askKinds.map((k) => [k, initial.perKindPerQuarter[k] ?? ""])) as Record<string, Value>,
    minDaysBetweenAsks: initial.minDaysBetweenAsks as Value,
  }));
  const { field, general } = fieldErrorsOf(save.error, [
    "maxAsksPerQuarter",
    "perKindPerQuarter",
    "minDaysBetweenAsks",
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        maxAsksPerQuarter: values.maxAsksPerQuarter === "" ? null : toNumber(values.maxAsksPerQuarter),
        perKindPerQuarter: Object.fromEntries(
          Object.entries(values.perKind)
            .filter(([, v]) => v !== "")
            .map(([k, v]) => [k, toNumber(v)]),
        ),
        minDaysBetweenAsks: values.minDaysBetweenAsks === "" ? 0 : toNumber(values.minDaysBetweenAsks),
      },
      { onSuccess: () => notifications.show({ color: "teal", title: "Ask-fatigue limits saved", message: "" }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Ask fatigue">
      <Stack gap="md">
        <FormError message={general} />
        <Group gap="md" align="flex-start">
          <NumberInput
            label="Asks per quarter, any kind"
            description="Blank: no limit"
            value={values.maxAsksPerQuarter}
            onChange={(maxAsksPerQuarter) => setValues((v) => ({ ...v, maxAsksPerQuarter }))}
            error={field("maxAsksPerQuarter")}
            allowDecimal={false}
            disabled={!canManage}
            w={240}
          />
          <NumberInput
            label="Days between asks"
            description="A contact is left alone this long after any ask"
            value={values.minDaysBetweenAsks}
            onChange={(minDaysBetweenAsks) => setValues((v) => ({ ...v, minDaysBetweenAsks }))}
            error={field("minDaysBetweenAsks")}
            disabled={!canManage}
            w={240}
          />
        </Group>
        <div>
          <Text size="sm" fw={500}>
            Asks per quarter, by kind
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Blank: only the overall limit applies.
          </Text>
          {field("perKindPerQuarter") && !askKinds.some((k) => field(`perKindPerQuarter.${k}`)) ? (
            <Text size="xs" c="red" mb="xs">
              {field("perKindPerQuarter")}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            {askKinds.map((kind) => (
              <NumberInput
                key={kind}
                label={capitalize(kind)}
                value={values.perKind[kind]}
                onChange={(n) => setValues((v) => ({ ...v, perKind: { ...v.perKind, [kind]: n } }))}
                error={field(`perKindPerQuarter.${kind}`)}
                allowDecimal={false}
                disabled={!canManage}
              />
            ))}
          </SimpleGrid>
        </div>
        {canManage ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save limits
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
