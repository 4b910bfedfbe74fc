import { Badge, type MantineColor } from "@mantine/core";
import type { LifecycleStage } from "../api/types.ts";
import { capitalize } from "./format.ts";

export const stageColors: Record<LifecycleStage, MantineColor> = {
  identified: "gray",
  invited: "cyan",
  onboarded: "blue",
  active: "teal",
  champion: "grape",
  lapsed: "orange",
};

export function LifecycleBadge({ stage }: { stage: LifecycleStage }) {
  return (
    <Badge color={stageColors[stage]} variant="light" radius="sm">
      {capitalize(stage)}
    </Badge>
  );
}
