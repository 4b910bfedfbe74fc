import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import {
  type BadgeRule,
  badgeRuleKinds,
  type ChallengeType,
  challengeTypes,
  labelOf,
  optionsOf,
} from "../../api/program-types.ts";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { formatNumber } from "../../ui/format.ts";
import { PlusIcon, StarIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { useBadges, useCreateBadge } from "./rewards.api.ts";

export function ruleText(rule: BadgeRule): string {
  switch (rule.kind) {
    case "submissions":
      return `${formatNumber(rule.atLeast)} approved ${rule.challengeType ? labelOf(rule.challengeType).toLowerCase() : "challenge"} submission${rule.atLeast === 1 ? "" : "s"}`;
    case "events":
      return `${formatNumber(rule.atLeast)}× “${rule.event}”`;
    case "points":
      return `${formatNumber(rule.atLeast)} lifetime points`;
    case "manual":
      return "Awarded by hand";
  }
}

export function BadgesPanel({ canManage }: { canManage: boolean }) {
  const badges = useBadges();
  const [creating, setCreating] = useState(false);
  return (
    <Card p={0}>
      <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Text size="sm" c="dimmed">
          Badges are earned by rule (submissions, advocacy events, points) or awarded by hand.
        </Text>
        {canManage ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            New badge
          </Button>
        ) : null}
      </Group>
      {badges.isPending ? (
        <TableSkeleton columns={3} rows={4} />
      ) : badges.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={badges.error} onRetry={() => badges.refetch()} />
        </div>
      ) : badges.data.length === 0 ? (
        <EmptyPanel
          icon={<StarIcon size={28} />}
          title="No badges yet"
          description="“First referral”, “5 reviews”, “Speaker”…"
        />
      ) : (
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Badges">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Badge</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th ta="right">Holders</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {badges.data.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {b.icon ? `${b.icon} ` : ""}
                    {b.name}
                  </Text>
                  {b.description ? (
                    <Text size="xs" c="dimmed">
                      {b.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={b.rule.kind === "manual" ? "gray" : "indigo"} radius="sm" mr={6}>
                    {labelOf(b.rule.kind)}
                  </Badge>
                  <Text span size="sm">
                    {ruleText(b.rule)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(b.holders)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating ? <BadgeModal onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

function BadgeModal({ onClose }: { onClose: () => void }) {
  const create = useCreateBadge();
  const [values, setValues] = useState({
    name: "",
    description: "",
    icon: "",
    kind: "submissions" as BadgeRule["kind"],
    challengeType: null as ChallengeType | null,
    event: "",
    atLeast: 1 as number | string,
  });
  const { field, general } = fieldErrorsOf(create.error, ["name", "description", "icon", "rule"]);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const rule = (): BadgeRule => {
    const atLeast = Number(values.atLeast);
    switch (values.kind) {
      case "submissions":
        return {
          kind: "submissions",
          atLeast,
          ...(values.challengeType ? { challengeType: values.challengeType } : {}),
        };
      case "events":
        return { kind: "events", event: values.event.trim(), atLeast };
      case "points":
        return { kind: "points", atLeast };
      case "manual":
        return { kind: "manual" };
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: values.name, description: values.description, icon: values.icon.trim() || null, rule: rule() },
      {
        onSuccess: (badge) => {
          notifications.show({ color: "teal", title: "Badge created", message: badge.name });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="New badge" size="lg" centered>
      <form onSubmit={submit} noValidate aria-label="New badge">
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
            <TextInput
              label="Icon"
              description="An emoji or icon name"
              value={values.icon}
              onChange={(e) => set("icon", e.currentTarget.value)}
              error={field("icon")}
            />
          </SimpleGrid>
          <TextInput
            label="Description"
            value={values.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={field("description")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Earned by"
              data={optionsOf(badgeRuleKinds)}
              value={values.kind}
              onChange={(v) => v && set("kind", v as BadgeRule["kind"])}
              allowDeselect={false}
              error={field("rule.kind")}
            />
            {values.kind !== "manual" ? (
              <NumberInput
                label="At least"
                min={1}
                value={values.atLeast}
                onChange={(v) => set("atLeast", v)}
                error={field("rule.atLeast")}
              />
            ) : null}
            {values.kind === "submissions" ? (
              <Select
                label="Challenge type"
                placeholder="Any type"
                data={optionsOf(challengeTypes)}
                value={values.challengeType}
                onChange={(v) => set("challengeType", v as ChallengeType | null)}
                clearable
                error={field("rule.challengeType")}
              />
            ) : null}
            {values.kind === "events" ? (
              <TextInput
                label="Advocacy event"
                placeholder="Referral Converted"
                value={values.event}
                onChange={(e) => set("event", e.currentTarget.value)}
                error={field("rule.event")}
              />
            ) : null}
          </SimpleGrid>
          {field("rule") && !field("rule.atLeast") && !field("rule.event") ? (
            <Text size="xs" c="red">
              {field("rule")}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create badge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
