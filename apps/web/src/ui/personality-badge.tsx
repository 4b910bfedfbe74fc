import type { MantineColor } from "@mantine/core";
import type { CSSProperties } from "react";
import type { Personality } from "../api/types.ts";

export const personalityLabels: Record<Personality, string> = {
  educator: "Educator",
  validator: "Validator",
  status_seeker: "Status seeker",
  collaborator: "Collaborator",
};

export const personalityColors: Record<Personality, MantineColor> = {
  educator: "blue",
  validator: "teal",
  status_seeker: "grape",
  collaborator: "orange",
};

/** What each personality answers to, in one line (for filters, the dashboard and the profile). */
export const personalityBlurbs: Record<Personality, string> = {
  educator: "Teaches others: community answers, webinars, how-tos",
  validator: "Vouches for you: references, reviews, case studies",
  status_seeker: "Wants the stage: talks, press quotes, social posts",
  collaborator: "Shapes the product: betas, advisory boards, feedback",
};

/** Mantine's light Badge as a plain span (like the lifecycle badge): it appears on every row. */
export function PersonalityBadge({ personality }: { personality: Personality | null }) {
  if (!personality) return <span className="dt-dim">—</span>;
  const color = personalityColors[personality];
  const style = {
    "--badge-bg": `var(--mantine-color-${color}-light)`,
    "--badge-color": `var(--mantine-color-${color}-light-color)`,
  } as CSSProperties;
  return (
    <span className="dt-badge" style={style}>
      {personalityLabels[personality]}
    </span>
  );
}
