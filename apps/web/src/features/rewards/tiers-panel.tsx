import { ActionIcon, Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import type { Tier } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { PlusIcon, TrashIcon } from "../../ui/icons.tsx";
import { CardSkeleton, ErrorState } from "../../ui/states.tsx";
import { useRewardSettings, useSetRewardSettings, useSetTiers, useTiers } from "./rewards.api.ts";

export function TiersPanel({ canRead, canManage }: { canRead: boolean; canManage: boolean }) {
  if (!canRead) {
    return (
      <Alert color="gray" variant="light" title="Tiers and approval are settings">
        Ask an owner or admin to change tiers and the approval threshold.
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <TiersCard canManage={canManage} />
      <ApprovalCard canManage={canManage} />
    </Stack>
  );
}

interface TierRow {
  key: number;
  name: string;
  minLifetimePoints: number | string;
  minBadges: number | string;
}
let rowKey = 0;
const rowsOf = (tiers: Tier[]): TierRow[] =>
  tiers.map((t) => ({ key: ++rowKey, name: t.name, minLifetimePoints: t.minLifetimePoints, minBadges: t.minBadges }));

function TiersCard({ canManage }: { canManage: boolean }) {
  const tiers = useTiers(true);
  return (
    <Card>
      <Title order={2} fz="md">
        Tiers
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Advocates move up by lifetime points (and, optionally, badges). The first tier starts at 0.
      </Text>
      {tiers.isPending ? (
        <CardSkeleton lines={3} />
      ) : tiers.isError ? (
        <ErrorState error={tiers.error} onRetry={() => tiers.refetch()} />
      ) : (
        <TiersForm initial={tiers.data} canManage={canManage} />
      )}
    </Card>
  );
}

function TiersForm({ initial, canManage }: { initial: Tier[]; canManage: boolean }) {
  const save = useSetTiers();
  const [rows, setRows] = useState(() => rowsOf(initial));
  const { field, general } = fieldErrorsOf(save.error, ["data"]);
  const setRow = (key: number, patch: Partial<TierRow>) =>
    setRows((r) => r.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      rows.map((r) => ({
        name: r.name,
        minLifetimePoints: Number(r.minLifetimePoints || 0),
        minBadges: Number(r.minBadges || 0),
      })),
      { onSuccess: () => notifications.show({ color: "teal", title: "Tiers saved", message: `${rows.length} tiers` }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Tiers">
      <Stack gap="xs">
        <FormError message={general} />
        {field("data") ? (
          <Text size="sm" c="red" role="alert">
            {field("data")}
          </Text>
        ) : null}
        {rows.map((row, i) => (
          <Group key={row.key} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={i === 0 ? "Name" : undefined}
              aria-label={`Tier ${i + 1} name`}
              value={row.name}
              onChange={(e) => setRow(row.key, { name: e.currentTarget.value })}
              error={field(`data.${i}.name`)}
              disabled={!canManage}
              w={200}
            />
            <NumberInput
              label={i === 0 ? "From lifetime points" : undefined}
              aria-label={`Tier ${i + 1} lifetime points`}
              min={0}
              thousandSeparator=","
              value={row.minLifetimePoints}
              onChange={(v) => setRow(row.key, { minLifetimePoints: v })}
              error={field(`data.${i}.minLifetimePoints`)}
              disabled={!canManage}
              w={180}
            />
            <NumberInput
              label={i === 0 ? "And badges" : undefined}
              aria-label={`Tier ${i + 1} badges`}
              min={0}
              value={row.minBadges}
              onChange={(v) => setRow(row.key, { minBadges: v })}
              error={field(`data.${i}.minBadges`)}
              disabled={!canManage}
              w={120}
            />
            {canManage ? (
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove tier ${i + 1}`}
                onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}
              >
                <TrashIcon size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {canManage ? (
          <Group justify="space-between" mt="xs">
            <Button
              variant="default"
              size="xs"
              leftSection={<PlusIcon size={14} />}
              onClick={() => setRows((r) => [...r, { key: ++rowKey, name: "", minLifetimePoints: "", minBadges: 0 }])}
            >
              Add tier
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save tiers
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

function ApprovalCard({ canManage }: { canManage: boolean }) {
  const settings = useRewardSettings(true);
  return (
    <Card>
      <Title order={2} fz="md">
        Redemption approval
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Redemptions costing more than this many points wait for a manager. Blank: only rewards marked “needs approval”.
      </Text>
      {settings.isPending ? (
        <CardSkeleton lines={1} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <ApprovalForm initial={settings.data.approvalAbovePoints} canManage={canManage} />
      )}
    </Card>
  );
}

function ApprovalForm({ initial, canManage }: { initial: number | null; canManage: boolean }) {
  const save = useSetRewardSettings();
  const [value, setValue] = useState<number | string>(initial ?? "");
  const { field, general } = fieldErrorsOf(save.error, ["approvalAbovePoints"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { approvalAbovePoints: value === "" ? null : Number(value) },
      {
        onSuccess: () =>
          notifications.show({
            color: "teal",
            title: "Approval threshold saved",
            message: value === "" ? "Off" : `Above ${value} points`,
          }),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Redemption approval">
      <Stack gap="xs">
        <FormError message={general} />
        <Group align="flex-start" gap="sm">
          <NumberInput
            label="Approval above (points)"
            min={0}
            thousandSeparator=","
            value={value}
            onChange={setValue}
            error={field("approvalAbovePoints")}
            disabled={!canManage}
            w={220}
          />
          {canManage ? (
            <Button type="submit" mt={25} loading={save.isPending}>
              Save
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
