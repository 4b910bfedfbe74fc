// Row types of reference management and the cross-Advo ask log (migration 0010).
// Booleans are INTEGER 0/1, timestamps epoch ms, JSON documents TEXT.

export interface ContactAsksTable {
  tenantId: string;
  id: string;
  contactId: string;
  /** "reference", "referral", "review", "content", "journey", "program"… */
  kind: string;
  /** What asked: e.g. "reference_request" and its id. One ask per source, contact and kind. */
  sourceType: string;
  sourceId: string;
  at: number;
  createdAt: number;
}

export interface ContactAskCountsTable {
  tenantId: string;
  contactId: string;
  /** Calendar quarter in UTC, "2026-Q4". */
  quarter: string;
  /** A kind of ask, or "*" for all kinds. */
  kind: string;
  asks: number;
  lastAt: number;
}

export interface ContactAskLimitsTable {
  tenantId: string;
  contactId: string;
  /** A kind of ask, or "*" for all kinds. */
  kind: string;
  maxPerQuarter: number;
  updatedAt: number;
}

export type ReferenceProfileStatus = "active" | "paused" | "retired";

export interface ReferenceProfilesTable {
  tenantId: string;
  id: string;
  contactId: string;
  accountId: string | null;
  status: ReferenceProfileStatus;
  /** When the advocate agreed to act as a reference; null: no consent, never matched. */
  consentAt: number | null;
  consentSource: string | null;
  /** JSON: ["reference_call", "case_study", …] */
  activities: string;
  /** Bit per activity (see core/references/activities.ts), for the SQL pre-filter. */
  activityMask: number;
  /** JSON string arrays. */
  products: string;
  useCases: string;
  industry: string | null;
  employeeCount: number | null;
  sizeBand: string | null;
  region: string | null;
  country: string | null;
  languages: string;
  competitorsReplaced: string;
  results: string;
  availability: string | null;
  maxAsksPerQuarter: number | null;
  /** JSON: [{from, to, reason}] epoch ms. */
  blackouts: string;
  notes: string | null;
  lastReferenceAt: number | null;
  referencesGiven: number;
  updatedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ReferenceProfileTermsTable {
  tenantId: string;
  /** "product" | "competitor" */
  field: string;
  term: string;
  profileId: string;
  /** Copies of the profile's keys: 1 when active with consent. */
  matchable: number;
  activityMask: number;
  industry: string | null;
  region: string | null;
  sizeBand: string | null;
}

export type ReferenceRequestStatus = "submitted" | "approved" | "asked" | "accepted" | "completed" | "cancelled";
export type ReferenceCallStatus = "completed" | "no_show";
export type ReferenceDealStatus = "open" | "won" | "lost";

export interface ReferenceRequestsTable {
  tenantId: string;
  id: string;
  status: ReferenceRequestStatus;
  /** JSON actor {type, id, name}. */
  requestedBy: string;
  prospectName: string;
  industry: string | null;
  employeeCount: number | null;
  region: string | null;
  country: string | null;
  products: string;
  useCase: string | null;
  competitor: string | null;
  language: string | null;
  activity: string;
  dealAmount: number | null;
  currency: string;
  stage: string | null;
  opportunityId: string | null;
  neededBy: number | null;
  notes: string | null;
  /** The advocate currently asked or who accepted. */
  contactId: string | null;
  callStatus: ReferenceCallStatus | null;
  callAt: number | null;
  dealStatus: ReferenceDealStatus;
  wonAmount: number | null;
  outcomeNotes: string | null;
  approvedBy: string | null;
  createdAt: number;
  approvedAt: number | null;
  askedAt: number | null;
  acceptedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  outcomeAt: number | null;
  updatedAt: number;
}

export type ReferenceAskStatus = "pending" | "accepted" | "declined" | "withdrawn" | "completed" | "no_show";

export interface ReferenceAsksTable {
  tenantId: string;
  id: string;
  requestId: string;
  contactId: string;
  profileId: string;
  status: ReferenceAskStatus;
  matchScore: number;
  reason: string | null;
  /** SHA-256 of the one-time link's secret. */
  tokenHash: string;
  tokenExpiresAt: number;
  /** JSON actor. */
  askedBy: string;
  askedAt: number;
  respondedAt: number | null;
  /** "link" | "manager" | "hub" */
  respondedVia: string | null;
  pointsTransactionId: string | null;
}

/** Per tenant: bumped by every write to reference profiles' matching keys (migration 0017). */
export interface ReferenceMatchVersionsTable {
  tenantId: string;
  version: number;
}

/** The version of the latest write to each profile's matching keys (migration 0017). */
export interface ReferenceProfileChangesTable {
  tenantId: string;
  profileId: string;
  version: number;
}

export interface ReferencesDatabase {
  contactAsks: ContactAsksTable;
  contactAskCounts: ContactAskCountsTable;
  contactAskLimits: ContactAskLimitsTable;
  referenceProfiles: ReferenceProfilesTable;
  referenceProfileTerms: ReferenceProfileTermsTable;
  referenceRequests: ReferenceRequestsTable;
  referenceAsks: ReferenceAsksTable;
  referenceMatchVersions: ReferenceMatchVersionsTable;
  referenceProfileChanges: ReferenceProfileChangesTable;
}
