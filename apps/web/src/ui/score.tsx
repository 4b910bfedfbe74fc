import type { MantineColor } from "@mantine/core";
import type { CSSProperties } from "react";
import "./score.css";

/** Score bands used everywhere a score is drawn: the bar colour says how ready someone is to ask. */
export function scoreColor(score: number): MantineColor {
  if (score >= 70) return "teal";
  if (score >= 50) return "blue";
  if (score >= 30) return "yellow";
  return "red";
}

export const formatPercent = (share: number | null | undefined, digits = 0) =>
  share === null || share === undefined ? "—" : `${(share * 100).toFixed(digits)}%`;

/** The score with a bar behind it, as plain elements: it sits on every row of long lists. */
export function ScoreBar({ score, width = 72 }: { score: number; width?: number }) {
  const style = {
    "--score-fill": `var(--mantine-color-${scoreColor(score)}-filled)`,
    "--score-width": `${width}px`,
    "--score-value": `${Math.max(0, Math.min(100, score))}%`,
  } as CSSProperties;
  return (
    <span className="score-bar" style={style}>
      <span className="score-bar-value">{Math.round(score)}</span>
      <span className="score-bar-track" aria-hidden="true">
        <span className="score-bar-fill" />
      </span>
    </span>
  );
}

/** Confidence as a short word and a percentage: how much of the score's weight data backs. */
export function confidenceLabel(confidence: number): string {
  if (confidence >= 0.7) return "High";
  if (confidence >= 0.4) return "Medium";
  return "Low";
}
