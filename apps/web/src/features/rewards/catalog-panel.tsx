import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { labelOf, optionsOf, type Reward, type RewardKind, rewardKinds } from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatNumber } from "../../ui/format.ts";
import { GiftIcon, PlusIcon } from "../../ui/icons.tsx";
import { plainText } from "../../ui/rich-text.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { formatCents, toCents } from "./money.ts";
import { useRewards, useSaveReward } from "./rewards.api.ts";

export function CatalogPanel({ canManage }: { canManage: boolean }) {
  const rewards = useRewards();
  const [editing, setEditing] = useState<Reward | "new" | null>(null);

  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Text size="sm" c="dimmed">
          Rewards advocates can redeem points for. Gift-restricted contacts are offered only non-monetary ones.
        </Text>
        {canManage ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setEditing("new")}>
            New reward
          </Button>
        ) : null}
      </Group>
      {rewards.isPending ? (
        <TableSkeleton columns={6} rows={4} />
      ) : rewards.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={rewards.error} onRetry={() => rewards.refetch()} />
        </div>
      ) : rewards.data.length === 0 ? (
        <EmptyPanel
          icon={<GiftIcon size={28} />}
          title="The catalog is empty"
          description="Add swag, gift cards, donations or early access for advocates to redeem."
          action={canManage ? <Button onClick={() => setEditing("new")}>Add a reward</Button> : null}
        />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Reward catalog">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reward</Table.Th>
                <Table.Th ta="right">Cost</Table.Th>
                <Table.Th ta="right">Value</Table.Th>
                <Table.Th ta="right">Stock</Table.Th>
                <Table.Th ta="right">Per advocate</Table.Th>
                <Table.Th>Rules</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rewards.data.map((r) => (
                <Table.Tr key={r.id} style={{ opacity: r.active ? 1 : 0.6 }}>
                  <Table.Td>
                    {canManage ? (
                      <Anchor component="button" type="button" fw={600} size="sm" onClick={() => setEditing(r)}>
                        {r.name}
                      </Anchor>
                    ) : (
                      <Text fw={600} size="sm">
                        {r.name}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {labelOf(r.kind)}
                      {r.monetary ? " · monetary" : " · non-monetary"}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatNumber(r.costPoints)} pts
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {formatCents(r.valueCents, r.currency)}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {r.stock === null ? "Unlimited" : formatNumber(r.stock)}
                  </Table.Td>
                  <Table.Td ta="right" fz="sm">
                    {r.perAdvocateLimit === null ? "—" : formatNumber(r.perAdvocateLimit)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.approvalRequired ? (
                        <Badge size="sm" variant="light" color="yellow" radius="sm">
                          Approval
                        </Badge>
                      ) : null}
                      <Badge size="sm" variant="light" color={r.active ? "teal" : "gray"} radius="sm">
                        {r.active ? "Active" : "Inactive"}
                      </Badge>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing ? (
        <RewardModal reward={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

interface RewardValues {
  name: string;
  kind: RewardKind;
  description: string;
  costPoints: number | string;
  value: number | string;
  currency: string;
  stock: number | string;
  perAdvocateLimit: number | string;
  approvalRequired: boolean;
  active: boolean;
}

const valuesOf = (r?: Reward): RewardValues => ({
  name: r?.name ?? "",
  kind: r?.kind ?? "swag",
  description: r ? plainText(r.description) : "",
  costPoints: r?.costPoints ?? 500,
  value: r ? r.valueCents / 100 : "",
  currency: r?.currency ?? "USD",
  stock: r?.stock ?? "",
  perAdvocateLimit: r?.perAdvocateLimit ?? "",
  approvalRequired: r?.approvalRequired ?? false,
  active: r?.active ?? true,
});

const orNull = (v: number | string) => (v === "" ? null : Number(v));
const known = [
  "name",
  "kind",
  "description",
  "costPoints",
  "valueCents",
  "currency",
  "stock",
  "perAdvocateLimit",
  "approvalRequired",
  "active",
];

function RewardModal({ reward, onClose }: { reward?: Reward; onClose: () => void }) {
  const save = useSaveReward(reward?.id);
  const [values, setValues] = useState(() => valuesOf(reward));
  const { field, general } = fieldErrorsOf(save.error, known);
  const set = <K extends keyof RewardValues>(key: K, value: RewardValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      name: values.name,
      description: values.description,
      costPoints: Number(values.costPoints),
      valueCents: toCents(values.value),
      stock: orNull(values.stock),
      perAdvocateLimit: orNull(values.perAdvocateLimit),
      approvalRequired: values.approvalRequired,
      active: values.active,
    };
    save.mutate(reward ? common : { ...common, kind: values.kind, currency: values.currency.trim().toUpperCase() }, {
      onSuccess: (saved) => {
        notifications.show({ color: "teal", title: reward ? "Reward saved" : "Reward added", message: saved.name });
        onClose();
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={reward ? `Edit ${reward.name}` : "New reward"} size="lg" centered>
      <form onSubmit={submit} noValidate aria-label={reward ? "Edit reward" : "New reward"}>
        <Stack>
          <FormError message={general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Name"
              required
              value={values.name}
              onChange={(e) => set("name", e.currentTarget.value)}
              error={field("name")}
              data-autofocus
            />
            <Select
              label="Kind"
              data={optionsOf(rewardKinds)}
              value={values.kind}
              onChange={(v) => v && set("kind", v as RewardKind)}
              allowDeselect={false}
              disabled={Boolean(reward)}
              error={field("kind")}
            />
            <NumberInput
              label="Cost in points"
              required
              min={1}
              thousandSeparator=","
              value={values.costPoints}
              onChange={(v) => set("costPoints", v)}
              error={field("costPoints")}
            />
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <NumberInput
                label="Value"
                description="What it costs you; counts against budgets"
                min={0}
                decimalScale={2}
                value={values.value}
                onChange={(v) => set("value", v)}
                error={field("valueCents")}
                style={{ flex: 1 }}
              />
              <TextInput
                label="Currency"
                w={80}
                maxLength={3}
                value={values.currency}
                onChange={(e) => set("currency", e.currentTarget.value)}
                disabled={Boolean(reward)}
                error={field("currency")}
              />
            </Group>
            <NumberInput
              label="Stock"
              description="Blank: unlimited"
              min={0}
              value={values.stock}
              onChange={(v) => set("stock", v)}
              error={field("stock")}
            />
            <NumberInput
              label="Limit per advocate"
              description="Blank: no limit"
              min={1}
              value={values.perAdvocateLimit}
              onChange={(v) => set("perAdvocateLimit", v)}
              error={field("perAdvocateLimit")}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={field("description")}
          />
          <Group>
            <Switch
              label="Needs a manager's approval"
              checked={values.approvalRequired}
              onChange={(e) => set("approvalRequired", e.currentTarget.checked)}
              error={field("approvalRequired")}
            />
            <Switch
              label="Active (offered in the hub)"
              checked={values.active}
              onChange={(e) => set("active", e.currentTarget.checked)}
              error={field("active")}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {reward ? "Save changes" : "Add reward"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
