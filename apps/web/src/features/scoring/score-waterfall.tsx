import { Text } from "@mantine/core";
import type { CSSProperties } from "react";
import type { ContactScore } from "../../api/types.ts";
import { scoreColor } from "../../ui/score.tsx";
import { componentColor, componentLabel } from "./component-labels.ts";
import "./scoring.css";

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "±0");

/**
 * The explanation as a waterfall: each line moves a running total, drawn as a floating bar on a
 * 0–100 track, ending in the score itself. The lines add up to the score exactly (the server
 * guarantees it; the e2e checks it).
 */
export function ScoreWaterfall({ score }: { score: ContactScore }) {
  let running = 0;
  const steps = score.explanation.map((line) => {
    const start = running;
    running += line.points;
    return { ...line, start, end: running };
  });
  const low = Math.min(0, ...steps.map((s) => Math.min(s.start, s.end)));
  const high = Math.max(100, ...steps.map((s) => Math.max(s.start, s.end)));
  const at = (value: number) => ((value - low) / (high - low)) * 100;
  const bar = (from: number, to: number, color: string): CSSProperties => ({
    left: `${at(Math.min(from, to))}%`,
    width: `${Math.max(at(Math.max(from, to)) - at(Math.min(from, to)), 0.6)}%`,
    background: color,
  });

  return (
    <ol className="wf" aria-label="How the score adds up">
      {steps.map((step, i) => {
        const base = step.component === "base";
        const color = base
          ? "var(--mantine-color-gray-4)"
          : step.points >= 0
            ? `var(--mantine-color-${componentColor(step.component)}-filled)`
            : "var(--mantine-color-red-filled)";
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the explanation's order is its identity
          <li key={i} className="wf-row" data-testid="explanation-line" data-points={step.points}>
            <div className="wf-label">
              <Text size="sm" lh={1.3}>
                {capitalizeFirst(step.label)}
              </Text>
              <Text size="xs" c="dimmed">
                {base ? "Everyone starts here" : componentLabel(step.component)}
              </Text>
            </div>
            <div className="wf-track" aria-hidden="true">
              {base ? null : <span className="wf-guide" style={{ left: `${at(step.start)}%` }} />}
              <span className="wf-bar" style={bar(step.start, step.end, color)} />
            </div>
            <Text
              size="sm"
              fw={700}
              ta="right"
              className="wf-points"
              c={base ? undefined : step.points < 0 ? "red" : "teal.8"}
            >
              {base ? step.points : signed(step.points)}
            </Text>
          </li>
        );
      })}
      <li className="wf-row wf-total">
        <div className="wf-label">
          <Text size="sm" fw={700}>
            Advocacy score
          </Text>
          <Text size="xs" c="dimmed">
            {steps.length} lines, added up
          </Text>
        </div>
        <div className="wf-track" aria-hidden="true">
          <span
            className="wf-bar"
            style={bar(0, score.score, `var(--mantine-color-${scoreColor(score.score)}-filled)`)}
          />
        </div>
        <Text size="lg" fw={800} ta="right" className="wf-points" data-testid="explanation-total">
          = {running}
        </Text>
      </li>
    </ol>
  );
}

const capitalizeFirst = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);
