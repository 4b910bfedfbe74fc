export { type AdvocacyAct, recordAdvocacyActs } from "./advocacy-acts.ts";
export { countEvents } from "./event.queries.ts";
export {
  CONTACTS_CHANGED,
  type IngestResult,
  type IngestTarget,
  ingestMessages,
  type KnownIdentities,
  knownIdentities,
  typedSignalsOf,
} from "./ingest.ts";
export { absorbedContacts, mergeContactsNow, mergeHistory, unmergeContact } from "./merges.ts";
export { getSentimentLexicon, setSentimentLexicon, tenantSentimentScorer } from "./projections.ts";
export { recordSignals } from "./record-signals.ts";
export {
  MAX_BATCH_BYTES,
  MAX_MESSAGE_BYTES,
  type MessageType,
  messageTypes,
  normalizeBatch,
  normalizeMessage,
  type SegmentMessage,
} from "./segment.ts";
export {
  type ContactSignals,
  contactSignalsOutput,
  ingestResultOutput,
  type SignalInput,
  signalBatchInput,
  signalInput,
  type TimelineEvent,
  timelineEventOutput,
} from "./signal.schemas.ts";
export {
  type CreateSourceInput,
  createdSourceOutput,
  createSourceInput,
  type Source,
  sourceOutput,
} from "./source.schemas.ts";
export { authenticateWriteKey, createSource, disableSource, listSources } from "./sources.ts";
export { contactSignals, contactTimeline } from "./timeline.ts";
export { signalEventNames, type TypedSignal, typedSignalOf } from "./typed-signals.ts";
