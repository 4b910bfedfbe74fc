import type { MantineColor } from "@mantine/core";
import type { CSSProperties } from "react";
import type { LifecycleStage } from "../api/types.ts";

export const stageColors: Record<LifecycleStage, MantineColor> = {
  identified: "gray",
  invited: "cyan",
  onboarded: "blue",
  active: "teal",
  champion: "grape",
  lapsed: "orange",
};

/** Looks like Mantine's light Badge, as a plain span: it appears on every row of long lists. */
export function LifecycleBadge({ stage }: { stage: LifecycleStage }) {
  const color = stageColors[stage];
  const style = {
    "--badge-bg": `var(--mantine-color-${color}-light)`,
    "--badge-color": `var(--mantine-color-${color}-light-color)`,
  } as CSSProperties;
  return (
    <span className="dt-badge" style={style}>
      {stage}
    </span>
  );
}
