import { z } from "zod";

const rows = z.array(z.record(z.string(), z.unknown()));

export const contactExportOutput = z
  .object({
    exportedAt: z.string(),
    contact: z.record(z.string(), z.unknown()),
    consent: z.record(z.string(), z.unknown()).describe("The contact's consent and opt-outs, and reference consent"),
    account: z.record(z.string(), z.unknown()).nullable(),
    identities: rows,
    events: rows,
    surveyResponses: rows,
    tickets: rows,
    purchases: rows,
    merges: rows,
    score: z.record(z.string(), z.unknown()).nullable(),
    scoreHistory: rows,
    segmentMemberships: rows,
    segmentChanges: rows,
    journeyEnrollments: rows,
    journeyActions: rows.describe("What each journey step did for this contact (emails, invitations, points)"),
    content: rows.describe("Testimonials, case studies and quotes that quote or feature this contact"),
    communityMemberships: rows.describe("Community spaces (user groups, boards, circles) they belong to"),
    eventRegistrations: rows.describe("Events they were invited to, registered for or attended"),
    mentions: rows,
    programMemberships: rows,
    submissions: rows,
    submissionFiles: rows.describe("File metadata; the files themselves at GET /api/v1/submissions/{id}/file"),
    ledgerAccounts: rows,
    ledgerTransactions: rows,
    ledgerEntries: rows,
    redemptions: rows,
    badges: rows,
    shoutouts: rows,
    referenceProfiles: rows,
    referenceAsks: rows,
    referenceRequests: rows,
    asks: rows,
    askCounts: rows,
    askLimits: rows,
    referralCodes: rows,
    referralLeads: rows.describe("Leads this contact referred, and leads that were this contact"),
    referralConversions: rows,
    referralRewards: rows,
    referralFingerprints: rows,
    emails: rows,
    hubSessions: rows,
  })
  .describe("Everything Advo holds about one contact (secrets such as token hashes are left out)");
export type ContactExport = z.infer<typeof contactExportOutput>;

export const eraseContactInput = z
  .object({ reason: z.string().trim().max(500).optional().describe("e.g. GDPR Art. 17 request #123") })
  .default({});

export const eraseContactOutput = z.object({
  id: z.string(),
  erasedAt: z.string(),
  reason: z.string().nullable(),
  cleared: z.record(z.string(), z.number().int()).describe("Rows changed or removed, by table"),
});
export type EraseContactResult = z.infer<typeof eraseContactOutput>;
