import { once } from "node:events";
import { createWriteStream } from "node:fs";

// Product-usage events as a Segment export holds them: mostly track calls from a few thousand
// users, an identify now and then, every line with its messageId and timestamp.

const FEATURES = ["export", "share", "dashboard", "alerts", "api", "sso", "reports", "search", "import", "billing"];
const START = Date.parse("2026-01-01T00:00:00Z");

export interface EventSpec {
  type: "track" | "identify";
  messageId: string;
  userId: string;
  event: string | null;
  timestamp: string;
  occurredAt: number;
  body: Record<string, unknown>;
}

export function eventAt(i: number, users: number): EventSpec {
  const user = `user-${(i * 7919) % users}`;
  const occurredAt = START + i * 1000;
  const timestamp = new Date(occurredAt).toISOString();
  if (i % 100 === 0) {
    const traits = { email: `${user}@example.com`, name: `User ${i % users}`, plan: "pro" };
    return { type: "identify", messageId: `m-${i}`, userId: user, event: null, timestamp, occurredAt, body: traits };
  }
  const properties = { feature: FEATURES[i % FEATURES.length], plan: i % 3 ? "pro" : "team", count: i % 100 };
  return {
    type: "track",
    messageId: `m-${i}`,
    userId: user,
    event: "Feature Used",
    timestamp,
    occurredAt,
    body: properties,
  };
}

export function eventLine(e: EventSpec): string {
  const bag = e.type === "identify" ? "traits" : "properties";
  return JSON.stringify({
    type: e.type,
    messageId: e.messageId,
    userId: e.userId,
    ...(e.event ? { event: e.event } : {}),
    [bag]: e.body,
    timestamp: e.timestamp,
  });
}

/** Writes `count` events as NDJSON, streamed: the file can be far larger than memory. */
export async function writeEventsFile(path: string, count: number, users = 10_000): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buffer = "";
  for (let i = 0; i < count; i++) {
    buffer += `${eventLine(eventAt(i, users))}\n`;
    if (buffer.length > 1 << 20 || i === count - 1) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return bytes;
}
