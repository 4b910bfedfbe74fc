import type { Db } from "@advo/db";
import { inTransaction } from "@advo/db";
import { insertAccounts, newAccountRow } from "../accounts/index.ts";
import { loadDemoCommunity } from "../community/index.ts";
import { insertContacts, newContactRow } from "../contacts/index.ts";
import { loadDemoContent } from "../content/index.ts";
import { loadDemoEventJourney, loadDemoJourneys } from "../journeys/index.ts";
import { loadDemoMentions } from "../listening/mentions/index.ts";
import { loadDemoPrograms } from "../programs/index.ts";
import { loadDemoReferences } from "../references/index.ts";
import { loadDemoReferrals } from "../referrals/index.ts";
import { rescoreAll, trainTenantPropensity } from "../scoring/index.ts";
import { createSegment } from "../segments/index.ts";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import type { Scope } from "../shared/scope.ts";
import { deleteFrom } from "../shared/scope.ts";
import { CONTACTS_CHANGED, createSource, ingestMessages } from "../signals/index.ts";
import { countTenants, createTenant, type Tenant } from "../tenants/index.ts";
import { findTenantBySlug } from "../tenants/tenant.queries.ts";
import { createUser } from "../users/index.ts";
import { demoAccount, demoContact, demoFaker } from "./demo-data.ts";
import { demoIdentities } from "./demo-identities.ts";
import { importDemoAttendees } from "./demo-import.ts";
import { demoSignals } from "./demo-signals.ts";

export const DEMO_WORKSPACE = "demo";
export const DEMO_PASSWORD = "advo-demo-2026";
export const DEMO_USERS = [
  { email: "owner@demo.advo.dev", name: "Olivia Owner", role: "owner" },
  { email: "manager@demo.advo.dev", name: "Marco Manager", role: "manager" },
  { email: "sales@demo.advo.dev", name: "Sam Sales", role: "sales" },
] as const;

export interface DemoOptions {
  accounts?: number;
  contactsPerAccount?: number;
  onProgress?: (step: string, done: number, total: number) => void;
  /** The server's public address, for the links in the demo's emails (reference asks). */
  publicUrl?: string;
}

const CHUNK = 500;

/** Loads the demo workspace: a realistic customer base each module extends with its own data. */
export async function loadDemo(db: Db, clock: Clock, options: DemoOptions = {}): Promise<Tenant> {
  if (await findTenantBySlug(db, DEMO_WORKSPACE)) {
    throw new AppError("conflict", `the "${DEMO_WORKSPACE}" workspace is already loaded`);
  }
  const accountTotal = options.accounts ?? 2000;
  const contactTotal = accountTotal * (options.contactsPerAccount ?? 5);
  const faker = demoFaker();
  const progress = options.onProgress ?? (() => {});

  const tenant = await createTenant(db, clock, { name: "Demo Co", slug: DEMO_WORKSPACE });
  const scope: Scope = { db, tenantId: tenant.id, clock };
  const users = [];
  for (const user of DEMO_USERS) users.push(await createUser(scope, { ...user, password: DEMO_PASSWORD }));

  const now = clock.now();
  const accounts = Array.from({ length: accountTotal }, () => newAccountRow(demoAccount(faker), now));
  await inTransaction(db, async (trx) => {
    const inTrx = { ...scope, db: trx };
    for (let i = 0; i < accounts.length; i += CHUNK) {
      await insertAccounts(inTrx, accounts.slice(i, i + CHUNK));
      progress("accounts", Math.min(i + CHUNK, accounts.length), accounts.length);
    }
  });

  // Each account gets a handful of contacts: larger companies more of them.
  const weights = accounts.map((a) => Math.log10((a.employeeCount ?? 10) + 10));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const contacts: ReturnType<typeof newContactRow>[] = [];
  const usedEmails = new Set<string>();
  for (let i = 0; i < accounts.length && contacts.length < contactTotal; i++) {
    const account = accounts[i];
    const weight = weights[i];
    if (!account || weight === undefined) continue;
    const share =
      i === accounts.length - 1 ? contactTotal - contacts.length : Math.round((contactTotal * weight) / weightSum);
    for (let k = 0; k < Math.max(1, share) && contacts.length < contactTotal; k++) {
      const { emailLocal, ...contact } = demoContact(faker, account);
      let email = `${emailLocal}@${account.domain}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${emailLocal}${n}@${account.domain}`;
      usedEmails.add(email);
      contacts.push(newContactRow({ ...contact, email }, now));
    }
  }
  await inTransaction(db, async (trx) => {
    const inTrx = { ...scope, db: trx };
    for (let i = 0; i < contacts.length; i += CHUNK) {
      await insertContacts(inTrx, contacts.slice(i, i + CHUNK));
      progress("contacts", Math.min(i + CHUNK, contacts.length), contacts.length);
    }
  });
  const owner = users[0] as (typeof users)[number];
  const first = contacts[0];
  if (first) await importDemoAttendees(scope, accounts, first, { id: owner.id, name: owner.name });
  progress("imports", 1, 1);
  const arrOf = new Map(accounts.map((a) => [a.id, a.arr]));
  const people = contacts.map((c) => ({
    contactId: c.id,
    email: c.email ?? "",
    accountId: c.accountId,
    lifecycleStage: c.lifecycleStage,
    arr: (c.accountId && arrOf.get(c.accountId)) || null,
  }));
  await createSource(scope, { name: "Product analytics (Segment)", kind: "segment" });
  const signals = demoSignals(faker, people, now);
  const identities = demoIdentities(people, new Set(signals.map((m) => m.userId)), now);
  const messages = [...signals, ...identities.history];
  const target = { db, clock, tenantId: tenant.id, sourceId: null };
  const SIGNAL_CHUNK = 5000;
  for (let i = 0; i < messages.length; i += SIGNAL_CHUNK) {
    await ingestMessages(target, messages.slice(i, i + SIGNAL_CHUNK));
    progress("signals", Math.min(i + SIGNAL_CHUNK, messages.length), messages.length);
  }
  // In a later batch than the duplicates' history, so each proof merges two stored contacts (recorded,
  // undoable) rather than folding a contact made in the same batch.
  await ingestMessages(target, identities.proofs);
  await loadDemoMentions(scope, contacts);
  progress("mentions", 1, 1);
  await loadDemoPrograms(scope, contacts);
  progress("programs", 1, 1);
  await rescoreAll(scope, (done, total) => progress("scores", done, total));
  // Again, as the next daily rescore would: engagement compares each contact with colleagues at the same
  // account through the account roll-ups, which the first pass leaves behind.
  await rescoreAll(scope, (done, total) => progress("scores against account colleagues", done, total));
  // The ingest above queued incremental rescoring; the full pass just did it all.
  await deleteFrom(scope, "jobs").where("kind", "=", CONTACTS_CHANGED).execute();
  await loadDemoReferences(scope, {
    profiles: Math.min(300, Math.ceil(contactTotal / 30)),
    linkBase: options.publicUrl,
  });
  progress("references", 1, 1);
  await loadDemoReferrals(scope, { contacts });
  progress("referrals", 1, 1);
  await createSegment(scope, { name: "Promoters active this month", expression: "nps >= 9 and last_active < 30d" });
  await createSegment(scope, {
    name: "Ready to ask: high score, no open tickets",
    expression: "advocacy_score >= 70 and open_tickets = 0",
  });
  await createSegment(scope, {
    name: "Fintech and SaaS validators",
    expression: 'industry in ("fintech", "saas") and personality = "validator"',
  });
  await createSegment(scope, {
    name: "Promoters not yet in the Champions Circle",
    expression: 'nps >= 9 and not in_program("ambassador")',
  });
  await loadDemoJourneys(scope);
  progress("journeys", 1, 1);
  await loadDemoContent(scope, { linkBase: options.publicUrl });
  progress("content", 1, 1);
  await loadDemoCommunity(scope, { linkBase: options.publicUrl });
  await loadDemoEventJourney(scope);
  progress("community", 1, 1);
  // A first model from the demo's own history, so propensity and its metrics show from the start. A
  // small demo may have too few advocacy acts to learn from: then it simply has no model yet.
  try {
    await trainTenantPropensity(scope, {});
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid")) throw error;
  }
  progress("propensity", 1, 1);
  return tenant;
}

/** First start on an empty database: load the demo so a new user sees Advo working. */
export async function loadDemoIfEmpty(db: Db, clock: Clock, options: DemoOptions = {}): Promise<Tenant | null> {
  if ((await countTenants(db)) > 0) return null;
  return loadDemo(db, clock, options);
}
