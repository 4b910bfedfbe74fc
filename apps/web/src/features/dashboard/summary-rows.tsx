import { Anchor, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";

/** A summary card's lines: each a label linking to its rows, and its figure. */
export function SummaryRows({ rows }: { rows: { label: string; value: string; to: string }[] }) {
  return (
    <Stack gap={6}>
      {rows.map((r) => (
        <Group key={r.label} justify="space-between" gap="xs">
          <Anchor component={Link} to={r.to} size="sm">
            {r.label}
          </Anchor>
          <Text size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
            {r.value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
