import { AppError } from "@advo/core";
import {
  authenticateWriteKey,
  ingestMessages,
  type KnownIdentities,
  knownIdentities,
  MAX_BATCH_BYTES,
  MAX_MESSAGE_BYTES,
  type MessageType,
  normalizeBatch,
  normalizeMessage,
  type SegmentMessage,
  type TypedSignal,
  typedSignalsOf,
} from "@advo/core/signals";
import type { FastifyInstance, FastifyRequest } from "fastify";

// Segment's Tracking API (HTTP), so clients already instrumented with Segment, RudderStack or
// Jitsu libraries can point their host at Advo. Auth: HTTP Basic, the source's write key as the
// username (or `writeKey` in the body). Limits: 32 KB per call, 500 KB per batch.

function writeKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    return decoded.split(":")[0] || undefined;
  }
  const body = request.body as { writeKey?: unknown } | undefined;
  return typeof body?.writeKey === "string" ? body.writeKey : undefined;
}

async function sourceOf(request: FastifyRequest) {
  const writeKey = writeKeyOf(request);
  if (!writeKey) throw new AppError("unauthorized", "send the source's write key as the HTTP Basic username");
  const source = await authenticateWriteKey(request.server.deps.db, request.server.deps.clock, writeKey);
  if (!source) throw new AppError("unauthorized", "this write key is not valid or its source is disabled");
  return source;
}

const ok = { success: true };

// Identity answers kept between calls, per workspace: the same users call again and again, and looking
// each one up was a quarter of a 500-event batch. Bounded across workspaces (~280 bytes an answer, so
// ~28 MB at most): past the budget the least recently active workspaces' answers go first.
const KEPT_WORKSPACES = 32;
const KEPT_IDENTITIES = 100_000;

export async function segmentRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  const known = new Map<string, KnownIdentities>();
  const knownIn = (tenantId: string): KnownIdentities => {
    let kept = known.get(tenantId);
    if (kept) known.delete(tenantId);
    else kept = knownIdentities();
    known.set(tenantId, kept);
    if (known.size > KEPT_WORKSPACES) known.delete(known.keys().next().value as string);
    let total = 0;
    for (const k of known.values()) total += k.contacts.size;
    // Oldest first; this workspace, the newest, only when the others' answers were not enough.
    for (const k of known.values()) {
      if (total <= KEPT_IDENTITIES) break;
      total -= k.contacts.size;
      k.contacts.clear();
    }
    return kept;
  };
  const ingest = (
    source: Awaited<ReturnType<typeof sourceOf>>,
    messages: SegmentMessage[],
    signals: (TypedSignal | null)[],
  ) => ingestMessages({ db, clock, ...source, identities: knownIn(source.tenantId) }, messages, signals);

  const single = (type: MessageType) =>
    app.post(
      `/v1/${type}`,
      {
        bodyLimit: MAX_MESSAGE_BYTES,
        config: { bodyTooLarge: `a single ${type} call is larger than Segment's 32 KB limit` },
      },
      async (request) => {
        const source = await sourceOf(request);
        const { message, errors } = normalizeMessage(request.body, { receivedAt: clock.now(), typeOverride: type });
        if (!message) throw new AppError("invalid", `${errors[0]?.path}: ${errors[0]?.message}`, errors);
        const signals = typedSignalsOf([message], ["body"]);
        await ingest(source, [message], signals);
        return ok;
      },
    );
  for (const type of ["identify", "track", "page", "screen", "group", "alias"] as const) single(type);

  const batch = async (request: FastifyRequest) => {
    const source = await sourceOf(request);
    const body = request.body as { batch?: unknown; sentAt?: unknown } | null;
    if (!body || !Array.isArray(body.batch)) {
      throw new AppError("invalid", "batch: must be an array of messages", [
        { path: "batch", message: "must be an array of messages" },
      ]);
    }
    const receivedAt = clock.now();
    const sentAt = typeof body.sentAt === "string" ? Date.parse(body.sentAt) : null;
    const length = Number(request.headers["content-length"] ?? MAX_BATCH_BYTES);
    const { messages, errors } = normalizeBatch(body.batch, {
      receivedAt,
      sentAt: Number.isNaN(sentAt) ? null : sentAt,
      checkSizes: length > MAX_MESSAGE_BYTES,
    });
    if (errors.length > 0) throw new AppError("invalid", `${errors[0]?.path}: ${errors[0]?.message}`, errors);
    const signals = typedSignalsOf(messages);
    const result = await ingest(source, messages, signals);
    return { ...ok, ...result };
  };
  const batchOptions = {
    bodyLimit: MAX_BATCH_BYTES,
    config: { bodyTooLarge: "the batch is larger than Segment's 500 KB limit" },
  };
  app.post("/v1/batch", batchOptions, batch);
  app.post("/v1/import", batchOptions, batch);
}
