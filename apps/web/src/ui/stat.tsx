import { Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * One figure in a bordered box: an uppercase label over its value, with an optional line of help.
 * A group named by its label, so tests and screen readers find the figure by name.
 */
export function Stat({
  label,
  value,
  hint,
  color,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  /** The value's colour (e.g. red for refused rows). */
  color?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      <Text fw={650} fz="lg" mt={4} truncate c={color} style={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
