import type { MantineColor } from "@mantine/core";
import type { ComponentName } from "../../api/types.ts";

/** The five parts of the advocacy score, in words a marketer uses (README "Finding advocates"). */
export const componentInfo: Record<ComponentName, { label: string; help: string; color: MantineColor }> = {
  satisfaction: {
    label: "Satisfaction",
    help: "Latest NPS or CSAT, its trend and recency, and the tone of comments",
    color: "teal",
  },
  engagement: {
    label: "Product engagement",
    help: "How recently and how often they use the product, against peers on the same plan",
    color: "blue",
  },
  relationship: {
    label: "Relationship health",
    help: "Support tickets: escalations, volume, time to resolve, ratings and tone",
    color: "violet",
  },
  advocacy: {
    label: "Advocacy history",
    help: "Reviews, references, referrals, talks and community answers already given",
    color: "grape",
  },
  social: {
    label: "Social",
    help: "Mentions of you online, their reach and sentiment",
    color: "cyan",
  },
};

export const componentLabel = (name: string) =>
  name === "base" ? "Starting point" : (componentInfo[name as ComponentName]?.label ?? name);

export const componentColor = (name: string): MantineColor => componentInfo[name as ComponentName]?.color ?? "gray";
