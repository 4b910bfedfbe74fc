import { Badge } from "@mantine/core";
import { labelColor, labelOf } from "./listening.api.ts";

/** A compound score as a coloured label with its value: "Positive +0.62". */
export function SentimentBadge({ compound }: { compound: number }) {
  const label = labelOf(compound);
  const value = `${compound > 0 ? "+" : ""}${compound.toFixed(2)}`;
  return (
    <Badge color={labelColor[label]} variant="light" radius="sm" style={{ whiteSpace: "nowrap", flex: "none" }}>
      {label} {value}
    </Badge>
  );
}
