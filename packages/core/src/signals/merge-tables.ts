// Every table that names a contact, and what a merge does with its rows. Kept next to the merge so
// a new table that refers to contacts has one obvious place to be added (contacts/delete.ts keeps
// the same inventory for deletion). Four treatments:
//  - moved: the rows are the person's (history, records, memberships); they move to the survivor
//    and their keys are recorded, so an unmerge moves back exactly those rows.
//  - moved unless the survivor has the same one (`unique`): where (key, contact) is unique and both
//    contacts have a row (both in one program, both awarded one badge), the survivor's row stays,
//    folded with the merged one's where that matters (ask limits: the stricter; ask counts: summed),
//    and the merged row is kept whole in the merge record, to come back on unmerge.
//  - derived (scores, explanations, daily snapshots, segment membership): dropped for the merged
//    contact; the survivor is rescored and its segments refreshed by the contacts.changed job.
//  - special (merge-folds.ts): the ledger (append-only and hash-chained: points move by a posting),
//    reference profiles (one per contact, asks name the profile), consent (the stricter choice wins).

export type Row = Record<string, unknown>;

export interface OwnedTable {
  /** Database key (camelCase). */
  table: string;
  /** The column naming the contact. */
  column: string;
  /** Columns that tell one contact's rows apart (with `column`, the row's identity). */
  key: readonly string[];
  /** (key, column) is unique: a row the survivor already has stays the survivor's. */
  unique?: boolean;
  /** On such a clash, the change to the survivor's row (null: none). */
  fold?: (survivor: Row, merged: Row) => Row | null;
  /** On unmerge, the change that takes the merged row's part back out of the survivor's. */
  unfold?: (current: Row, merged: Row, before: Row) => Row | null;
}

const num = (v: unknown) => Number(v ?? 0);

export const OWNED_TABLES: readonly OwnedTable[] = [
  { table: "events", column: "contactId", key: ["messageId"] },
  { table: "surveyResponses", column: "contactId", key: ["messageId"] },
  { table: "tickets", column: "contactId", key: ["id"] },
  { table: "purchases", column: "contactId", key: ["messageId"] },
  { table: "mentions", column: "contactId", key: ["id"] },
  { table: "consentRecords", column: "contactId", key: ["id"] },
  { table: "submissions", column: "contactId", key: ["id"] },
  { table: "shoutouts", column: "contactId", key: ["id"] },
  { table: "redemptions", column: "contactId", key: ["id"] },
  { table: "emailOutbox", column: "contactId", key: ["id"] },
  { table: "segmentChanges", column: "contactId", key: ["id"] },
  { table: "journeyEnrollments", column: "contactId", key: ["id"] },
  { table: "journeyActions", column: "contactId", key: ["id"] },
  { table: "contentItems", column: "contactId", key: ["id"] },
  { table: "referenceRequests", column: "contactId", key: ["id"] },
  { table: "referenceAsks", column: "contactId", key: ["id"] },
  { table: "referralCodes", column: "contactId", key: ["id"] },
  { table: "referralClicks", column: "advocateId", key: ["id"] },
  { table: "referralLeads", column: "advocateId", key: ["id"] },
  { table: "referralLeads", column: "contactId", key: ["id"] },
  { table: "referralConversions", column: "advocateId", key: ["id"] },
  { table: "referralConversions", column: "friendContactId", key: ["id"] },
  { table: "referralRewards", column: "contactId", key: ["conversionId", "side"] },
  // The survivor's membership, badge, ask or fingerprint wins; the merged one's comes back on unmerge.
  { table: "programMembers", column: "contactId", key: ["programId"], unique: true },
  { table: "contactBadges", column: "contactId", key: ["badgeId"], unique: true },
  { table: "communityMembers", column: "contactId", key: ["spaceId"], unique: true },
  { table: "communityRegistrations", column: "contactId", key: ["eventId"], unique: true },
  { table: "contactAsks", column: "contactId", key: ["sourceType", "sourceId", "kind"], unique: true },
  { table: "referralFingerprints", column: "contactId", key: ["kind", "value"], unique: true },
  {
    // A person's own limit on asks: the stricter of the two holds.
    table: "contactAskLimits",
    column: "contactId",
    key: ["kind"],
    unique: true,
    fold: (s, m) => (num(m.maxPerQuarter) < num(s.maxPerQuarter) ? { maxPerQuarter: num(m.maxPerQuarter) } : null),
    unfold: (_current, _merged, before) => (before.maxPerQuarter === undefined ? null : before),
  },
  {
    // Asks made to either record count against the one person's quarterly budget.
    table: "contactAskCounts",
    column: "contactId",
    key: ["quarter", "kind"],
    unique: true,
    fold: (s, m) => ({ asks: num(s.asks) + num(m.asks), lastAt: Math.max(num(s.lastAt), num(m.lastAt)) }),
    unfold: (current, merged) => ({ asks: Math.max(0, num(current.asks) - num(merged.asks)) }),
  },
];

/** Derived from the contact's signals: dropped for the merged contact, recomputed for the survivor. */
export const DERIVED_TABLES = ["contactScores", "scoreSnapshots"] as const;

/** Sign-in links and sessions of the merged contact: ended (its person signs in again as the survivor). */
export const SIGN_IN_TABLES = ["magicLinks", "advocateSessions"] as const;

/** `table.column`: where a table's moved keys are recorded in the merge snapshot. */
export const ownedId = (t: OwnedTable) => `${t.table}.${t.column}`;
