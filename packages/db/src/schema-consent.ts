// Row types of consent records (migration 0014). Timestamps epoch ms.

/** One grant or withdrawal of consent for one purpose. Never updated, except anonymised on erasure. */
export interface ConsentRecordsTable {
  tenantId: string;
  id: string;
  contactId: string;
  /** e.g. marketingEmail, publicRecognition, quoteUse, logoUse, referenceCalls, caseStudy */
  purpose: string;
  /** 1 granted, 0 withdrawn */
  granted: number;
  /** The wording the contact agreed to, as shown to them. */
  statement: string | null;
  /** What the consent covers, e.g. "quote from submission sub_… on the website and in sales decks". */
  covers: string | null;
  /** Where it came from: advocate hub, manager, import:hubspot, api … */
  source: string;
  actorType: string;
  actorId: string;
  recordedAt: number;
  /** When a grant lapses (null: until withdrawn). */
  expiresAt: number | null;
}

export interface ConsentDatabase {
  consentRecords: ConsentRecordsTable;
}
