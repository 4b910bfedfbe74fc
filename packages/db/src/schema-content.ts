export type ContentKind = "testimonial" | "case_study" | "quote" | "video";
export type ContentStatus = "draft" | "awaiting_approval" | "changes_requested" | "approved" | "published" | "retired";
export type ContentAttribution = "full" | "company_only" | "anonymous";

/**
 * A piece of customer content (testimonial, case study, quote, video) written with an advocate: the
 * advocate approves the exact version that may be used, where, and until when.
 */
export interface ContentItemsTable {
  tenantId: string;
  id: string;
  kind: ContentKind;
  title: string;
  /** Sanitised rich text (HTML). */
  body: string;
  /** The advocate it quotes or features, who approves it. */
  contactId: string | null;
  accountId: string | null;
  attribution: ContentAttribution;
  /** JSON array: where it may be used (website, sales, social, ads, press, events). */
  channels: string;
  /** When the right to use it ends; null: no end agreed. */
  usableUntil: number | null;
  status: ContentStatus;
  /** Goes up with every change to what the advocate approves (title, body, attribution, channels, term). */
  version: number;
  /** The version the advocate approved, if any. */
  approvedVersion: number | null;
  approvedAt: number | null;
  /** The last comment the advocate sent with a decision. */
  advocateComment: string | null;
  /** sha256 of the secret in the approval link sent last; null once used or withdrawn. */
  approvalTokenHash: string | null;
  approvalExpiresAt: number | null;
  /** What must be said beside it wherever it is used (e.g. that the advocate was rewarded for it). */
  disclosure: string | null;
  /** The challenge submission it grew from, if any. */
  sourceSubmissionId: string | null;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

/** What happened to a piece of content, by whom: its history and the evidence of the advocate's approval. */
export interface ContentEventsTable {
  tenantId: string;
  id: string;
  contentId: string;
  at: number;
  /** "user", "api_key", "contact" (the advocate through their link) or "system". */
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  version: number;
  detail: string | null;
}

/** A piece of content sales used in an opportunity, and how that deal ended. */
export interface ContentUsesTable {
  tenantId: string;
  id: string;
  contentId: string;
  /** The CRM opportunity; one use per piece of content and opportunity. */
  opportunityId: string;
  prospectName: string | null;
  dealAmount: number | null;
  currency: string;
  dealStatus: "open" | "won" | "lost";
  wonAmount: number | null;
  usedAt: number;
  /** Who recorded it (a user's or API key's name). */
  recordedBy: string | null;
  note: string | null;
  updatedAt: number;
}

export interface ContentDatabase {
  contentItems: ContentItemsTable;
  contentUses: ContentUsesTable;
  contentEvents: ContentEventsTable;
}
