import { currentScore, findScore } from "../scoring/index.ts";
import { toIso } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import type { ContactExport } from "./privacy.schemas.ts";

// Columns that hold JSON documents as TEXT: exported as JSON, not as strings.
const JSON_COLUMNS = new Set([
  "externalIds",
  "socialHandles",
  "consent",
  "attributes",
  "properties",
  "snapshot",
  "explanation",
  "evidence",
  "details",
  "activities",
  "products",
  "useCases",
  "languages",
  "competitorsReplaced",
  "results",
  "blackouts",
  "utm",
  "fraudSignals",
  "attribution",
  "detail",
  "goals",
  "settings",
]);
// Secrets and blobs never leave in an export.
const OMITTED = new Set(["secretHash", "tokenHash", "dataBase64", "passwordHash", "fingerprint"]);

type Row = Record<string, unknown>;

function clean(row: object): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (OMITTED.has(k) || k === "tenantId") continue;
    if (JSON_COLUMNS.has(k) && typeof v === "string") {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    out[k] = typeof v === "bigint" ? Number(v) : v;
  }
  return out;
}
const cleanAll = (rows: object[]) => rows.map(clean);

/** Everything Advo holds about one contact, as one JSON document (a data subject access request). */
export async function exportContact(scope: Scope, contactId: string): Promise<ContactExport> {
  const contact = await selectFrom(scope, "contacts").selectAll().where("id", "=", contactId).executeTakeFirst();
  if (!contact) throw notFound("contact", contactId);
  const byContact = <T extends Parameters<typeof selectFrom>[1]>(table: T, column = "contactId") =>
    selectFrom(scope, table)
      .selectAll()
      .where(column as never, "=", contactId as never)
      .execute() as Promise<object[]>;

  const account = contact.accountId
    ? await selectFrom(scope, "accounts").selectAll().where("id", "=", contact.accountId).executeTakeFirst()
    : undefined;
  const ledgerAccounts = await byContact("ledgerAccounts");
  const accountIds = ledgerAccounts.map((a) => (a as { id: string }).id);
  const ledgerEntries =
    accountIds.length > 0
      ? await selectFrom(scope, "ledgerEntries")
          .selectAll()
          .where("accountId", "in", accountIds)
          .orderBy("seq")
          .execute()
      : [];
  const submissions = await byContact("submissions");
  const submissionIds = submissions.map((s) => (s as { id: string }).id);
  const submissionFiles =
    submissionIds.length > 0
      ? await selectFrom(scope, "submissionFiles")
          .select(["submissionId", "name", "contentType", "size", "sha256"])
          .where("submissionId", "in", submissionIds)
          .execute()
      : [];
  const referenceProfiles = await byContact("referenceProfiles");
  // A contact never scored has no score to export; a scored one's explanation is computed as it is read.
  const score = (await findScore(scope, contactId)) ? await currentScore(scope, contactId) : null;
  const leads = await selectFrom(scope, "referralLeads")
    .selectAll()
    .where((eb) => eb.or([eb("advocateId", "=", contactId), eb("contactId", "=", contactId)]))
    .execute();
  const conversions = await selectFrom(scope, "referralConversions")
    .selectAll()
    .where((eb) => eb.or([eb("advocateId", "=", contactId), eb("friendContactId", "=", contactId)]))
    .execute();
  const merges = await selectFrom(scope, "contactMerges")
    .selectAll()
    .where((eb) => eb.or([eb("survivorId", "=", contactId), eb("mergedId", "=", contactId)]))
    .execute();
  const c = clean(contact);

  return {
    exportedAt: toIso(scope.clock.now()),
    contact: c,
    consent: {
      contact: c.consent ?? {},
      records: cleanAll(
        await selectFrom(scope, "consentRecords")
          .selectAll()
          .where("contactId", "=", contactId)
          .orderBy("recordedAt")
          .execute(),
      ),
      giftsRestricted: contact.giftsRestricted === 1,
      references: referenceProfiles.map((p) => {
        const r = p as { id: string; consentAt: number | null; consentSource: string | null; status: string };
        return { profileId: r.id, consentAt: r.consentAt, consentSource: r.consentSource, status: r.status };
      }),
    },
    account: account ? clean(account) : null,
    identities: cleanAll(await byContact("identities")),
    events: cleanAll(await byContact("events")),
    surveyResponses: cleanAll(await byContact("surveyResponses")),
    tickets: cleanAll(await byContact("tickets")),
    purchases: cleanAll(await byContact("purchases")),
    merges: cleanAll(merges),
    score: score ? clean({ ...score.row, explanation: score.explanation }) : null,
    scoreHistory: cleanAll(await byContact("scoreSnapshots")),
    segmentMemberships: cleanAll(await byContact("segmentMembers")),
    segmentChanges: cleanAll(await byContact("segmentChanges")),
    journeyEnrollments: cleanAll(await byContact("journeyEnrollments")),
    journeyActions: cleanAll(await byContact("journeyActions")),
    content: cleanAll(await byContact("contentItems")),
    communityMemberships: cleanAll(await byContact("communityMembers")),
    eventRegistrations: cleanAll(await byContact("communityRegistrations")),
    mentions: cleanAll(await byContact("mentions")),
    programMemberships: cleanAll(await byContact("programMembers")),
    submissions: cleanAll(submissions),
    submissionFiles: cleanAll(submissionFiles),
    ledgerAccounts: cleanAll(ledgerAccounts),
    ledgerTransactions: cleanAll(await byContact("ledgerTransactions")),
    ledgerEntries: cleanAll(ledgerEntries),
    redemptions: cleanAll(await byContact("redemptions")),
    badges: cleanAll(await byContact("contactBadges")),
    shoutouts: cleanAll(await byContact("shoutouts")),
    referenceProfiles: cleanAll(referenceProfiles),
    referenceAsks: cleanAll(await byContact("referenceAsks")),
    referenceRequests: cleanAll(await byContact("referenceRequests")),
    asks: cleanAll(await byContact("contactAsks")),
    askCounts: cleanAll(await byContact("contactAskCounts")),
    askLimits: cleanAll(await byContact("contactAskLimits")),
    referralCodes: cleanAll(await byContact("referralCodes")),
    referralLeads: cleanAll(leads),
    referralConversions: cleanAll(conversions),
    referralRewards: cleanAll(await byContact("referralRewards")),
    referralFingerprints: cleanAll(await byContact("referralFingerprints")),
    emails: cleanAll(await byContact("emailOutbox")),
    hubSessions: cleanAll(await byContact("advocateSessions")),
  };
}
