// Row types of the ledger, programs, recognition, rewards and the advocate hub (migrations 0007–0009).
// Booleans are INTEGER 0/1 on both dialects.

export interface LedgerHeadsTable {
  tenantId: string;
  lastSeq: number;
  lastHash: string;
  updatedAt: number;
}

export type LedgerAccountKind = "advocate" | "system";

export interface LedgerAccountsTable {
  tenantId: string;
  /** "advocate:<contactId>" or "system:<name>". */
  id: string;
  kind: LedgerAccountKind;
  contactId: string | null;
  /** Cache of the sum of the account's entries, kept in the posting's transaction. */
  balance: number;
  /** Cache of the sum of the account's award entries (tiers read it). */
  lifetimeEarned: number;
  createdAt: number;
  updatedAt: number;
}

export type LedgerTransactionKind = "award" | "redemption" | "expiry" | "reversal" | "adjustment";

export interface LedgerTransactionsTable {
  tenantId: string;
  id: string;
  idempotencyKey: string;
  /** SHA-256 of what was asked, so a reused key with a different request is refused. */
  fingerprint: string;
  kind: LedgerTransactionKind;
  reason: string;
  contactId: string | null;
  programId: string | null;
  sourceType: string | null;
  sourceId: string | null;
  reversesId: string | null;
  /** JSON: {type, id, name} of who posted it. */
  actor: string;
  createdAt: number;
}

export interface LedgerEntriesTable {
  tenantId: string;
  /** Position in the tenant's chain, 1, 2, 3… without gaps. */
  seq: number;
  transactionId: string;
  accountId: string;
  amount: number;
  createdAt: number;
  prevHash: string;
  hash: string;
}

export type ProgramType =
  | "referral"
  | "reference"
  | "review"
  | "content"
  | "community"
  | "ambassador"
  | "beta"
  | "custom";
export type ProgramStatus = "draft" | "active" | "paused" | "archived";

export interface ProgramsTable {
  tenantId: string;
  id: string;
  name: string;
  type: ProgramType;
  description: string;
  status: ProgramStatus;
  ownerUserId: string | null;
  /** JSON: [{metric, target, period}] */
  goals: string;
  budgetPoints: number | null;
  eligibilitySegmentId: string | null;
  landingUrl: string | null;
  /** JSON: per-type settings (e.g. a referral program's rewards). */
  settings: string;
  createdAt: number;
  updatedAt: number;
}

export type MemberState = "invited" | "joined" | "active" | "lapsed" | "declined";

export interface ProgramMembersTable {
  tenantId: string;
  programId: string;
  contactId: string;
  state: MemberState;
  invitedAt: number | null;
  joinedAt: number | null;
  lastActiveAt: number | null;
  declinedReason: string | null;
  updatedAt: number;
}

export type ChallengeType =
  | "referral"
  | "review"
  | "reference_call"
  | "testimonial"
  | "case_study"
  | "social_share"
  | "survey"
  | "event"
  | "beta_feedback"
  | "custom";

export interface ChallengesTable {
  tenantId: string;
  id: string;
  programId: string | null;
  type: ChallengeType;
  title: string;
  description: string;
  points: number;
  audienceSegmentId: string | null;
  startsAt: number | null;
  endsAt: number | null;
  perAdvocateLimit: number | null;
  totalLimit: number | null;
  /** Pending + approved submissions: the total limit is checked against it with a conditional update. */
  claimed: number;
  /** JSON: ["url", "text", "file"] required of a submission. */
  evidence: string;
  approval: "automatic" | "review";
  reviewSite: string | null;
  targetUrl: string | null;
  disclosure: string | null;
  /** JSON {reason, by, at} when a review challenge was allowed to target a satisfaction-filtered audience. */
  gatingOverride: string | null;
  status: "active" | "paused" | "archived";
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export type SubmissionState = "pending" | "approved" | "rejected";

export interface SubmissionsTable {
  tenantId: string;
  id: string;
  challengeId: string;
  contactId: string;
  state: SubmissionState;
  /** JSON: {url?, text?, file?: {name, contentType, size, sha256}} */
  evidence: string;
  incentivised: number;
  disclosure: string | null;
  points: number;
  transactionId: string | null;
  submittedAt: number;
  reviewedAt: number | null;
  reviewedBy: string | null;
  rejectionReason: string | null;
}

export interface SubmissionFilesTable {
  tenantId: string;
  submissionId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  dataBase64: string;
}

export interface BadgesTable {
  tenantId: string;
  id: string;
  name: string;
  description: string;
  icon: string | null;
  /** JSON rule, see core/recognition. */
  rule: string;
  createdAt: number;
}

export interface ContactBadgesTable {
  tenantId: string;
  contactId: string;
  badgeId: string;
  awardedAt: number;
  reason: string;
}

export interface ShoutoutsTable {
  tenantId: string;
  id: string;
  contactId: string;
  programId: string | null;
  message: string;
  createdBy: string | null;
  createdAt: number;
}

export type RewardKind = "swag" | "gift_card" | "charity" | "experience" | "early_access" | "custom";

export interface RewardsTable {
  tenantId: string;
  id: string;
  name: string;
  description: string;
  kind: RewardKind;
  monetary: number;
  costPoints: number;
  valueCents: number;
  currency: string;
  /** null: unlimited. */
  stock: number | null;
  perAdvocateLimit: number | null;
  programId: string | null;
  approvalRequired: number;
  active: number;
  createdAt: number;
  updatedAt: number;
}

export type RedemptionState = "requested" | "approved" | "fulfilled" | "rejected";

export interface RedemptionsTable {
  tenantId: string;
  id: string;
  rewardId: string;
  contactId: string;
  state: RedemptionState;
  points: number;
  valueCents: number;
  /** "2026-Q4": the budget period it counts against. */
  quarter: string;
  programId: string | null;
  /** JSON: shipping address, size, charity choice… */
  details: string;
  transactionId: string;
  refundTransactionId: string | null;
  requestedAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  fulfilledAt: number | null;
  rejectionReason: string | null;
}

export interface RewardBudgetsTable {
  tenantId: string;
  quarter: string;
  /** "" for the tenant-wide budget. */
  programId: string;
  limitCents: number;
  spentCents: number;
  updatedAt: number;
}

export interface MagicLinksTable {
  tenantId: string;
  id: string;
  contactId: string;
  secretHash: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface AdvocateSessionsTable {
  tenantId: string;
  id: string;
  contactId: string;
  secretHash: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  /** When the advocate signed in with a magic link; kept across rotations. */
  signedInAt: number;
}

export interface EmailOutboxTable {
  tenantId: string;
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  purpose: string;
  contactId: string | null;
  status: "queued" | "sent" | "failed" | "logged";
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  /** Extra mail headers, a JSON object of name → value (null: none). */
  headers: string | null;
}

export interface ProgramsDatabase {
  ledgerHeads: LedgerHeadsTable;
  ledgerAccounts: LedgerAccountsTable;
  ledgerTransactions: LedgerTransactionsTable;
  ledgerEntries: LedgerEntriesTable;
  programs: ProgramsTable;
  programMembers: ProgramMembersTable;
  challenges: ChallengesTable;
  submissions: SubmissionsTable;
  submissionFiles: SubmissionFilesTable;
  badges: BadgesTable;
  contactBadges: ContactBadgesTable;
  shoutouts: ShoutoutsTable;
  rewards: RewardsTable;
  redemptions: RedemptionsTable;
  rewardBudgets: RewardBudgetsTable;
  magicLinks: MagicLinksTable;
  advocateSessions: AdvocateSessionsTable;
  emailOutbox: EmailOutboxTable;
}
