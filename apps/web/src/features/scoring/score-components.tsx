import { Group, Stack, Text, Tooltip } from "@mantine/core";
import type { ComponentName, ContactScore } from "../../api/types.ts";
import { formatPercent } from "../../ui/score.tsx";
import { componentInfo } from "./component-labels.ts";
import "./scoring.css";

/** Each component's value with its weight; a component without data is left out of the score. */
export function ScoreComponents({ score }: { score: ContactScore }) {
  return (
    <Stack gap="md">
      {score.components.map((c) => {
        const info = componentInfo[c.name as ComponentName] ?? { label: c.name, help: "", color: "gray" };
        return (
          <div key={c.name}>
            <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
              <Tooltip label={info.help} withArrow multiline w={260}>
                <Text size="sm" fw={600} tabIndex={0} style={{ cursor: "help" }}>
                  {info.label}
                </Text>
              </Tooltip>
              <Text size="sm" fw={700} style={{ fontVariantNumeric: "tabular-nums" }}>
                {c.hasData && c.value !== null ? Math.round(c.value) : "No data"}
              </Text>
            </Group>
            <div className="comp-track" data-empty={!c.hasData || undefined} aria-hidden="true">
              {c.hasData && c.value !== null ? (
                <span
                  className="comp-fill"
                  style={{ width: `${c.value}%`, background: `var(--mantine-color-${info.color}-filled)` }}
                />
              ) : null}
              <span className="comp-neutral" />
            </div>
            <Text size="xs" c="dimmed" mt={4}>
              {c.hasData
                ? `Weight ${formatPercent(c.weight)}, counts ${formatPercent(c.effectiveWeight)} of this score`
                : `Weight ${formatPercent(c.weight)}: no data yet, so it is left out and confidence drops`}
            </Text>
          </div>
        );
      })}
    </Stack>
  );
}
