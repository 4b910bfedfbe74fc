import {
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { FormError, fieldErrorsOf } from "../../ui/form-error.tsx";
import { SlidersIcon } from "../../ui/icons.tsx";
import { EmptyPanel, ErrorState, TableSkeleton } from "../../ui/states.tsx";
import { usePrograms } from "../programs/programs.api.ts";
import { formatCents, toCents } from "./money.ts";
import { quarterOf, useBudgets, useSetBudget } from "./rewards.api.ts";

export function BudgetsPanel({ canManage }: { canManage: boolean }) {
  const [quarter, setQuarter] = useState(quarterOf());
  const budgets = useBudgets(quarter || undefined);
  const programs = usePrograms();
  const programName = (id: string | null) =>
    id === null ? "Whole workspace" : (programs.data?.find((p) => p.id === id)?.name ?? "A program");

  return (
    <Stack gap="lg">
      <Card p={0}>
        <Group justify="space-between" p="md" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
          <Text size="sm" c="dimmed">
            What redemptions cost you this quarter against what you set aside. A redemption that would go over waits or
            is refused.
          </Text>
          <TextInput
            aria-label="Quarter"
            value={quarter}
            onChange={(e) => setQuarter(e.currentTarget.value.trim())}
            placeholder="2026-Q4"
            w={120}
          />
        </Group>
        {budgets.isPending ? (
          <TableSkeleton columns={4} rows={3} />
        ) : budgets.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={budgets.error} onRetry={() => budgets.refetch()} />
          </div>
        ) : budgets.data.length === 0 ? (
          <EmptyPanel icon={<SlidersIcon size={28} />} title={`No budgets for ${quarter || "this quarter"}`} />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Reward budgets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Budget</Table.Th>
                <Table.Th>Spent vs limit</Table.Th>
                <Table.Th ta="right">Remaining</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {budgets.data.map((b) => {
                const share = b.limitCents > 0 ? b.spentCents / b.limitCents : 1;
                return (
                  <Table.Tr key={`${b.quarter}-${b.programId ?? "all"}`}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {programName(b.programId)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {b.quarter}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={220}>
                      <Text size="sm">
                        {formatCents(b.spentCents)} of {formatCents(b.limitCents)}
                      </Text>
                      <Progress
                        value={Math.min(100, share * 100)}
                        color={share >= 1 ? "red" : share > 0.85 ? "orange" : "indigo"}
                        size="sm"
                        aria-label={`${Math.round(share * 100)}% spent`}
                      />
                    </Table.Td>
                    <Table.Td ta="right" fz="sm">
                      {formatCents(b.remainingCents)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {canManage ? <SetBudgetForm defaultQuarter={quarter} /> : null}
    </Stack>
  );
}

function SetBudgetForm({ defaultQuarter }: { defaultQuarter: string }) {
  const set = useSetBudget();
  const programs = usePrograms();
  const [values, setValues] = useState({
    quarter: defaultQuarter,
    programId: null as string | null,
    limit: "" as number | string,
  });
  const { field, general } = fieldErrorsOf(set.error, ["quarter", "programId", "limitCents"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate(
      { quarter: values.quarter.trim(), programId: values.programId, limitCents: toCents(values.limit) },
      {
        onSuccess: (b) =>
          notifications.show({
            color: "teal",
            title: "Budget set",
            message: `${b.quarter}: ${formatCents(b.limitCents)}`,
          }),
      },
    );
  };
  return (
    <Card>
      <Title order={2} fz="md" mb="sm">
        Set a budget
      </Title>
      <form onSubmit={submit} noValidate aria-label="Set a budget">
        <Stack gap="sm">
          <FormError message={general} />
          <Group align="flex-start" gap="sm">
            <TextInput
              label="Quarter"
              value={values.quarter}
              onChange={(e) => {
                const quarter = e.currentTarget.value;
                setValues((v) => ({ ...v, quarter }));
              }}
              error={field("quarter")}
              w={130}
            />
            <Select
              label="For"
              placeholder="Whole workspace"
              data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={values.programId}
              onChange={(programId) => setValues((v) => ({ ...v, programId }))}
              clearable
              error={field("programId")}
              w={240}
            />
            <NumberInput
              label="Limit (USD)"
              min={0}
              decimalScale={2}
              thousandSeparator=","
              value={values.limit}
              onChange={(limit) => setValues((v) => ({ ...v, limit }))}
              error={field("limitCents")}
              w={160}
            />
            <Button type="submit" mt={25} loading={set.isPending}>
              Save budget
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
