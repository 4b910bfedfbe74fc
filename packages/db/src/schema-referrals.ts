// Row types of the referral module (migration 0011). Booleans are INTEGER 0/1, timestamps epoch ms,
// JSON documents TEXT, money a double in the currency's major unit (as purchases.amount).

/** Per workspace: the salt of IP hashes and where unknown codes land. One row per tenant. */
export interface ReferralWorkspacesTable {
  tenantId: string;
  /** Random hex; IPs are stored only as SHA-256(salt + ip). Never leaves the server. */
  ipSalt: string;
  /** Landing page for unknown, paused or retired codes; null: the newest referral program's. */
  defaultLandingUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export type ReferralCodeStatus = "active" | "paused" | "retired";

export interface ReferralCodesTable {
  tenantId: string;
  id: string;
  programId: string;
  /** The advocate who shares it. */
  contactId: string;
  /** As issued or chosen (vanity codes keep their case for display). */
  code: string;
  /** Upper-case form: lookups and the unique index ignore case. */
  codeKey: string;
  kind: "generated" | "vanity";
  status: ReferralCodeStatus;
  createdAt: number;
  updatedAt: number;
}

export type ClickOutcome = "attributed" | "unknown_code" | "paused_code" | "retired_code" | "inactive_program";

export interface ReferralClicksTable {
  tenantId: string;
  id: string;
  /** null: the click could not be attributed (see outcome). */
  codeId: string | null;
  programId: string | null;
  advocateId: string | null;
  /** The code as typed in the link (truncated), kept for unattributed clicks too. */
  codeText: string;
  outcome: ClickOutcome;
  /** The advo_rid first-party cookie: one id per browser. */
  deviceId: string;
  /** SHA-256(workspace salt + IP); null when the workspace has no salt yet. */
  ipHash: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** JSON: {source, medium, campaign, term, content} from utm_* parameters. */
  utm: string;
  landingUrl: string;
  createdAt: number;
}

export type ReviewState = "none" | "pending" | "approved" | "rejected";

export interface ReferralLeadsTable {
  tenantId: string;
  id: string;
  programId: string;
  codeId: string;
  advocateId: string;
  clickId: string | null;
  email: string;
  emailDomain: string;
  name: string | null;
  company: string | null;
  deviceId: string | null;
  ipHash: string | null;
  /** The friend's contact, once one exists (set when a conversion is paid). */
  contactId: string | null;
  fraudScore: number;
  /** JSON: [{signal, points, detail}] */
  fraudSignals: string;
  reviewState: ReviewState;
  reviewedBy: string | null;
  reviewedAt: number | null;
  reviewNote: string | null;
  createdAt: number;
}

export type ConversionStatus = "unattributed" | "ineligible" | "review" | "held" | "paid" | "refunded" | "rejected";

export interface ReferralConversionsTable {
  tenantId: string;
  id: string;
  /** The billing system's or CRM's order/deal id: one conversion per external id. */
  externalId: string;
  programId: string | null;
  codeId: string | null;
  advocateId: string | null;
  leadId: string | null;
  clickId: string | null;
  customerEmail: string | null;
  friendContactId: string | null;
  amount: number;
  currency: string;
  status: ConversionStatus;
  /** Why a conversion is ineligible, rejected or refunded. */
  statusReason: string | null;
  /** This advocate's Nth rewarded referral in the program (tiers read it); 0 when unattributed. */
  nth: number;
  /** JSON: {rule, windowDays, chosen, touches, explanation} */
  attribution: string;
  fraudScore: number;
  fraudSignals: string;
  reviewState: ReviewState;
  reviewedBy: string | null;
  reviewedAt: number | null;
  reviewNote: string | null;
  convertedAt: number;
  /** When the hold period ends and rewards may be posted. */
  payableAt: number | null;
  paidAt: number | null;
  refundedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ReferralRewardSide = "referrer" | "friend";
export type ReferralRewardStatus = "pending" | "paid" | "cancelled" | "clawed_back";

export interface ReferralRewardsTable {
  tenantId: string;
  conversionId: string;
  side: ReferralRewardSide;
  /** The advocate, or the friend once their contact exists. */
  contactId: string | null;
  kind: "points" | "discount" | "none";
  points: number;
  /** JSON: how it was computed ({rule, tier, percent…}) or the discount offered. */
  detail: string;
  status: ReferralRewardStatus;
  transactionId: string | null;
  reversalId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Devices and IP hashes seen on a known person (an advocate or a converted friend). */
export interface ReferralFingerprintsTable {
  tenantId: string;
  kind: "device" | "ip";
  value: string;
  contactId: string;
  lastSeenAt: number;
}

export interface ReferralsDatabase {
  referralWorkspaces: ReferralWorkspacesTable;
  referralCodes: ReferralCodesTable;
  referralClicks: ReferralClicksTable;
  referralLeads: ReferralLeadsTable;
  referralConversions: ReferralConversionsTable;
  referralRewards: ReferralRewardsTable;
  referralFingerprints: ReferralFingerprintsTable;
}
