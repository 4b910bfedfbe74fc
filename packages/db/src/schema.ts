import type { AuditDatabase } from "./schema-audit.ts";
import type { CommunityDatabase } from "./schema-community.ts";
import type { ConsentDatabase } from "./schema-consent.ts";
import type { ContentDatabase } from "./schema-content.ts";
import type { JourneysDatabase } from "./schema-journeys.ts";
import type { ProgramsDatabase } from "./schema-programs.ts";
import type { ReferencesDatabase } from "./schema-references.ts";
import type { ReferralsDatabase } from "./schema-referrals.ts";
import type { SsoDatabase } from "./schema-sso.ts";

// Row types as Kysely sees them. Column names are snake_case in SQL and camelCase here
// (CamelCasePlugin). Timestamps are epoch milliseconds in a BIGINT column on both dialects,
// so they sort, compare and bucket identically. JSON documents are TEXT on both dialects.

export interface TenantsTable {
  tenantId: string;
  slug: string;
  name: string;
  settings: string;
  createdAt: number;
}

export type StaffRole = "owner" | "admin" | "manager" | "sales" | "csm" | "viewer";

export interface UsersTable {
  tenantId: string;
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string | null;
  createdAt: number;
  updatedAt: number;
  disabledAt: number | null;
}

export interface SessionsTable {
  tenantId: string;
  id: string;
  userId: string;
  secretHash: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  /** When the person signed in; kept across rotations (the absolute lifetime counts from here). */
  signedInAt: number;
}

export interface ApiKeysTable {
  tenantId: string;
  id: string;
  name: string;
  role: StaffRole;
  secretHash: string;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface AccountsTable {
  tenantId: string;
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employeeCount: number | null;
  region: string | null;
  country: string | null;
  plan: string | null;
  arr: number | null;
  lifecycleStage: string | null;
  externalIds: string;
  attributes: string;
  createdAt: number;
  updatedAt: number;
}

export interface ContactsTable {
  tenantId: string;
  id: string;
  accountId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  phone: string | null;
  locale: string | null;
  region: string | null;
  lifecycleStage: string;
  externalIds: string;
  socialHandles: string;
  consent: string;
  attributes: string;
  /** 1: may not accept gifts (e.g. a public-sector employee); offered non-monetary recognition only. */
  giftsRestricted: number;
  createdAt: number;
  updatedAt: number;
  /** Set when the contact's personal data was erased: the row stays as an anonymised tombstone. */
  erasedAt?: number | null;
}

export interface IdempotencyKeysTable {
  tenantId: string;
  key: string;
  fingerprint: string;
  statusCode: number;
  responseBody: string | null;
  createdAt: number;
}

// "done" only in databases from before completed jobs were removed (migration 0028).
export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobsTable {
  tenantId: string;
  id: string;
  kind: string;
  payload: string;
  status: JobStatus;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  lockedUntil: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SourcesTable {
  tenantId: string;
  id: string;
  name: string;
  kind: string;
  secretHash: string;
  createdAt: number;
  lastSeenAt: number | null;
  disabledAt: number | null;
}

export interface IdentitiesTable {
  tenantId: string;
  kind: string;
  value: string;
  contactId: string;
  createdAt: number;
}

/** Moves whenever a tenant's stored identity is re-pointed or deleted (by trigger). */
export interface IdentityGenerationsTable {
  tenantId: string;
  generation: number;
}

export interface AccountIdentitiesTable {
  tenantId: string;
  kind: string;
  value: string;
  accountId: string;
  createdAt: number;
}

export interface EventsTable {
  tenantId: string;
  messageId: string;
  type: string;
  event: string | null;
  contactId: string | null;
  accountId: string | null;
  userId: string | null;
  anonymousId: string | null;
  sourceId: string | null;
  occurredAt: number;
  receivedAt: number;
  properties: string;
}

export interface SurveyResponsesTable {
  tenantId: string;
  messageId: string;
  contactId: string | null;
  survey: string;
  kind: "nps" | "csat";
  score: number;
  comment: string | null;
  sentiment: number | null;
  occurredAt: number;
}

export interface TicketsTable {
  tenantId: string;
  id: string;
  contactId: string | null;
  status: string;
  priority: string | null;
  subject: string | null;
  text: string | null;
  escalated: number;
  satisfaction: number | null;
  sentiment: number | null;
  openedAt: number;
  resolvedAt: number | null;
  updatedAt: number;
}

export interface PurchasesTable {
  tenantId: string;
  messageId: string;
  contactId: string | null;
  accountId: string | null;
  kind: string;
  orderId: string | null;
  amount: number;
  currency: string;
  occurredAt: number;
}

export interface ContactMergesTable {
  tenantId: string;
  id: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  snapshot: string;
  createdAt: number;
  undoneAt: number | null;
}

/** A score's explanation, beside it: only ever read for one contact or one page. */
export interface ContactScoresTable {
  tenantId: string;
  contactId: string;
  score: number;
  confidence: number;
  satisfaction: number | null;
  engagement: number | null;
  relationship: number | null;
  advocacy: number | null;
  social: number | null;
  latestNps: number | null;
  latestCsat: number | null;
  lastActiveAt: number | null;
  /** Days with product activity in the last 90 days. */
  activeDays: number;
  openTickets: number;
  advocacyActs: number;
  personality: string | null;
  personalityConfidence: number | null;
  personalityOverride: string | null;
  computedAt: number;
  /** Probability of an advocacy act in the model's window, from the tenant's latest model. */
  propensity: number | null;
}

export interface PropensityModelsTable {
  tenantId: string;
  id: string;
  version: number;
  windowDays: number;
  model: string;
  trainedAt: number;
  /** JSON of the outcome trained on ({"attribute": "recommends"}); null: an advocacy act within windowDays. */
  outcome: string | null;
}

export interface ScoreSnapshotsTable {
  tenantId: string;
  contactId: string;
  day: number;
  score: number;
  confidence: number;
}

export interface AccountScoresTable {
  tenantId: string;
  accountId: string;
  score: number;
  confidence: number;
  contactsScored: number;
  topContactId: string | null;
  computedAt: number;
  /** Sum of the scored contacts' active days in the last 90 days (null: rolled up before it was kept). */
  activeDaysSum: number | null;
}

export interface SegmentsTable {
  tenantId: string;
  id: string;
  name: string;
  expression: string;
  memberCount: number;
  refreshedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface SegmentMembersTable {
  tenantId: string;
  segmentId: string;
  contactId: string;
  joinedAt: number;
}

export interface SegmentChangesTable {
  tenantId: string;
  id: string;
  segmentId: string;
  contactId: string;
  change: "joined" | "left";
  at: number;
}

export interface MentionsTable {
  tenantId: string;
  id: string;
  /** A feed's id, or "webhook" / "csv". */
  sourceId: string;
  brand: string;
  url: string | null;
  authorHandle: string | null;
  authorName: string | null;
  authorEmail: string | null;
  text: string;
  publishedAt: number;
  sentiment: number;
  reach: number;
  contactId: string | null;
  /** sha256 of the normalised text + author (text alone with neither url nor author); with a url and no author, the url key. */
  fingerprint: string;
  /** Optional for inserts (null). sha256 of the normalised url; unique, so a url is stored once however its text or author differ. */
  urlKey?: string | null;
  /** The author handle normalised (no @, no profile-url prefix, lower case): late linking looks it up. */
  handleKey?: string | null;
  createdAt: number;
}

export interface MentionFeedsTable {
  tenantId: string;
  id: string;
  name: string;
  url: string;
  format: string | null;
  pollIntervalMs: number;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: number;
  failures: number;
  lastError: string | null;
  lastPolledAt: number | null;
  lastSuccessAt: number | null;
  createdAt: number;
  disabledAt: number | null;
}

export interface MentionAlertsTable {
  tenantId: string;
  id: string;
  brand: string;
  sourceId: string;
  /** UTC day (epoch ms at midnight) the episode opened on. */
  day: number;
  negativeCount: number;
  baseline: number;
  baselineSentiment: number | null;
  meanSentiment: number;
  threshold: number;
  /** Which condition opened the episode. */
  cause: "volume" | "sentiment" | "both";
  openedAt: number;
  closedAt: number | null;
  /** JSON: [{kind, url, status, error}] */
  deliveries: string;
}

export interface Database
  extends ProgramsDatabase,
    ReferencesDatabase,
    ReferralsDatabase,
    AuditDatabase,
    ConsentDatabase,
    SsoDatabase,
    JourneysDatabase,
    ContentDatabase,
    CommunityDatabase {
  tenants: TenantsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiKeys: ApiKeysTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  idempotencyKeys: IdempotencyKeysTable;
  jobs: JobsTable;
  sources: SourcesTable;
  identities: IdentitiesTable;
  identityGenerations: IdentityGenerationsTable;
  accountIdentities: AccountIdentitiesTable;
  events: EventsTable;
  surveyResponses: SurveyResponsesTable;
  tickets: TicketsTable;
  purchases: PurchasesTable;
  contactMerges: ContactMergesTable;
  contactScores: ContactScoresTable;
  scoreSnapshots: ScoreSnapshotsTable;
  accountScores: AccountScoresTable;
  segments: SegmentsTable;
  segmentMembers: SegmentMembersTable;
  segmentChanges: SegmentChangesTable;
  propensityModels: PropensityModelsTable;
  mentions: MentionsTable;
  mentionFeeds: MentionFeedsTable;
  mentionAlerts: MentionAlertsTable;
}

/** Every table whose rows belong to a tenant (all of them, tenants included). */
export type TenantTable = keyof Database;
