import { Group, SegmentedControl, TextInput } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useSearchParams } from "react-router";

const DAY = 86_400_000;
export const presets = [
  { value: "7d", label: "7d", days: 7 },
  { value: "30d", label: "30d", days: 30 },
  { value: "90d", label: "90d", days: 90 },
  { value: "12m", label: "12m", days: 365 },
  { value: "custom", label: "Custom", days: 0 },
] as const;
type Preset = (typeof presets)[number]["value"];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const validDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
const shortDate = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

export interface DashboardRange {
  preset: Preset;
  from: string;
  to: string;
  /** e.g. "last 30 days" or "Oct 1, 2026 – Oct 31, 2026" */
  label: string;
  /** Whole days covered, for "active in the last N days" links. */
  days: number;
}

/** The range a dashboard URL asks for (?range=30d, or ?range=custom&from=…&to=…); 30 days when it names none. */
export function dashboardRangeOf(params: URLSearchParams, now = Date.now()): DashboardRange {
  const rangeParam = params.get("range") ?? "";
  const fromParam = params.get("from") ?? "";
  const toParam = params.get("to") ?? "";
  const preset = (presets.some((p) => p.value === rangeParam) ? rangeParam : "30d") as Preset;
  const today = isoDay(now);
  let from: string;
  let to: string;
  if (preset === "custom") {
    to = validDay(toParam) ? toParam : today;
    from = validDay(fromParam) ? fromParam : isoDay(Date.parse(to) - 29 * DAY);
  } else {
    const days = presets.find((p) => p.value === preset)?.days ?? 30;
    to = today;
    from = isoDay(Date.parse(today) - (days - 1) * DAY);
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  const label =
    preset === "custom"
      ? `${shortDate.format(new Date(from))} – ${shortDate.format(new Date(to))}`
      : preset === "12m"
        ? "last 12 months"
        : `last ${days} days`;
  return { preset, from, to, label, days };
}

/** The dashboard's date range, kept in the URL so back/forward and shared links keep it. */
export function useDashboardRange(): [
  DashboardRange,
  (next: Partial<Pick<DashboardRange, "preset" | "from" | "to">>) => void,
] {
  const [params, setParams] = useSearchParams();
  const range = dashboardRangeOf(params);
  // A change lands in the URL only after the router's navigation commits, and React Router hands a
  // functional update the params of the last render: two quick edits (from, then to) would each start
  // from the old URL and the second would undo the first. Each edit starts from the last one asked for
  // until the URL shows it.
  const pending = useRef<{ params: URLSearchParams; at: number } | null>(null);
  useEffect(() => {
    if (pending.current && pending.current.params.toString() === params.toString()) pending.current = null;
  }, [params]);
  const set = (next: Partial<Pick<DashboardRange, "preset" | "from" | "to">>) =>
    setParams(
      (rendered) => {
        const fresh = pending.current && Date.now() - pending.current.at < 2_000 ? pending.current.params : null;
        const current = fresh ?? rendered;
        const was = dashboardRangeOf(current);
        const copy = new URLSearchParams(current);
        const preset = next.preset ?? was.preset;
        if (preset === "30d") copy.delete("range");
        else copy.set("range", preset);
        if (preset === "custom") {
          let from = next.from || was.from;
          let to = next.to || was.to;
          // A range the other way round is read as meant: moving one end past the other moves both.
          if (from > to) {
            if (next.from) to = from;
            else from = to;
          }
          copy.set("from", from);
          copy.set("to", to);
        } else {
          copy.delete("from");
          copy.delete("to");
        }
        pending.current = { params: copy, at: Date.now() };
        return copy;
      },
      { replace: true },
    );
  return [range, set];
}

/** Presets, or two days of the person's choosing; every time-based chart on the dashboard follows it. */
export function DateRangeControl({
  range,
  onChange,
}: {
  range: DashboardRange;
  onChange: (next: Partial<Pick<DashboardRange, "preset" | "from" | "to">>) => void;
}) {
  return (
    <Group gap="xs" wrap="wrap" justify="flex-end">
      <SegmentedControl
        size="xs"
        aria-label="Date range"
        value={range.preset}
        onChange={(value) => onChange({ preset: value as Preset })}
        data={presets.map((p) => ({ value: p.value, label: p.label }))}
      />
      {range.preset === "custom" ? (
        <>
          <TextInput
            type="date"
            size="xs"
            aria-label="From"
            value={range.from}
            max={range.to}
            onChange={(e) => validDay(e.currentTarget.value) && onChange({ from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            size="xs"
            aria-label="To"
            value={range.to}
            min={range.from}
            onChange={(e) => validDay(e.currentTarget.value) && onChange({ to: e.currentTarget.value })}
          />
        </>
      ) : null}
    </Group>
  );
}
