import { Group, SegmentedControl, TextInput } from "@mantine/core";
import { useUrlParam } from "../../ui/use-url-filters.ts";

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

/** The dashboard's date range, kept in the URL (?range=30d, or ?range=custom&from=…&to=…). */
export function useDashboardRange(): [
  DashboardRange,
  (next: Partial<Pick<DashboardRange, "preset" | "from" | "to">>) => void,
] {
  const [rangeParam, setRange] = useUrlParam("range");
  const [fromParam, setFrom] = useUrlParam("from");
  const [toParam, setTo] = useUrlParam("to");
  const preset = (presets.some((p) => p.value === rangeParam) ? rangeParam : "30d") as Preset;
  const today = isoDay(Date.now());
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
  const set = (next: Partial<Pick<DashboardRange, "preset" | "from" | "to">>) => {
    if (next.preset) setRange(next.preset === "30d" ? null : next.preset);
    if (next.preset === "custom" && !fromParam) {
      setFrom(from);
      setTo(to);
    }
    if (next.from !== undefined) setFrom(next.from || null);
    if (next.to !== undefined) setTo(next.to || null);
    if (next.preset && next.preset !== "custom") {
      setFrom(null);
      setTo(null);
    }
  };
  return [{ preset, from, to, label, days }, set];
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
