// An event's times are instants (ISO, UTC) kept with the IANA zone its local time is in. Forms and
// lists speak that zone's wall clock, whatever the browser's own zone is.

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every IANA zone the browser knows, with the ones given (the browser's, an event's) never missing. */
export function timeZoneOptions(...also: string[]): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  for (const zone of also) if (zone) zones.add(zone);
  return [...zones].sort();
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, timeZone: string) {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallClocks.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a date ("2026-03-10") and time ("18:00") on the zone's wall clock name, as ISO; null when
 * either is missing or malformed. A wall time skipped by a DST change resolves to the hour after.
 */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return null;
  // The offset depends on the instant sought; a second look settles it across a DST change.
  const first = wall - offsetAt(wall, timeZone);
  const settled = wall - offsetAt(first, timeZone);
  return new Date(settled).toISOString();
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The zone's wall-clock date and time of an instant, as a form's date and time inputs hold them. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const w = wallClock(Date.parse(iso), timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue, Mar 10, 2026, 6:00 – 8:00 PM GMT+1": start to end on the zone's clock, the zone named. */
export function formatZonedRange(startsAt: string, endsAt: string, timeZone: string): string {
  let format = rangeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    });
    rangeFormats.set(timeZone, format);
  }
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}
