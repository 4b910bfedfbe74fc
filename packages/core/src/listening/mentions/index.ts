// Listening › mentions: brand mentions from feeds, webhooks and CSV; organic advocates; spike alerts.
export { DELIVER_ALERT, deliverAlert, evaluateAlerts, listAlerts, slackText } from "./alerts.ts";
export { matchBrand } from "./brand-rules.ts";
export { type CsvMentionsResult, importMentionsCsv, parseMentionsCsv } from "./csv.ts";
export { type DemoPerson, loadDemoMentions } from "./demo-mentions.ts";
export { FeedFormatError, parseFeed } from "./feed-parse.ts";
export {
  createFeed,
  disableFeed,
  getFeed,
  listFeeds,
  POLL_FEED,
  type PollOutcome,
  pollFeed,
  runFeedPoll,
} from "./feeds.ts";
export { CSV_SOURCE, ingestMentions, WEBHOOK_SOURCE } from "./ingest.ts";
export { mentionJobHandlers } from "./jobs.ts";
export { type AddedAuthorKeys, linkEarlierMentions, linkEarlierMentionsOf } from "./link-contacts.ts";
export {
  alertOutput,
  createFeedInput,
  feedOutput,
  type IngestMentionsResult,
  ingestMentionsOutput,
  listeningSettings,
  listMentionsQuery,
  type MentionInput,
  mentionBatchInput,
  mentionInput,
  mentionOutput,
  organicAdvocateOutput,
  organicAdvocatesQuery,
} from "./mention.schemas.ts";
export { IN_PROGRAM_STATES, listMentions, organicAdvocates } from "./mentions.ts";
export { getListeningSettings, setListeningSettings } from "./settings.ts";
