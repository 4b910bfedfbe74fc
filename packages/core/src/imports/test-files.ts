import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Files shaped like real CRM exports, for tests: the header is the real column list in
// ../shared/data/crm (HubSpot's "All contacts" export, Salesforce's Contact.csv), or — in a clone
// without ../shared — a fixed subset of it.

const shared = (name: string) => fileURLToPath(new URL(`../../../../../shared/data/crm/${name}`, import.meta.url));

const HUBSPOT_SUBSET = [
  "Record ID",
  "First Name",
  "Last Name",
  "Annual Revenue",
  "Became an Evangelist Date",
  "City",
  "Company Name",
  "Country/Region",
  "Create Date",
  "Email",
  "HubSpot Score",
  "höbbela",
  "Job Title",
  "Last NPS survey comment",
  "Last NPS survey rating",
  "Lifecycle Stage",
  "Membership Notes",
  "Number of Pageviews",
  "Phone Number",
  "Unsubscribed from all email",
  "Associated Company",
  "Associated Company IDs",
];
const SALESFORCE_SUBSET = [
  "Id",
  "IsDeleted",
  "AccountId",
  "Salutation",
  "MailingCity",
  "MailingCountry",
  "Phone",
  "MobilePhone",
  "Email",
  "Title",
  "Department",
  "HasOptedOutOfEmail",
  "DoNotCall",
  "CreatedDate",
  "FirstName",
  "LastName",
];

function columnsFrom(name: string, fallback: string[]): string[] {
  const path = shared(name);
  if (!existsSync(path)) return fallback;
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

export const hubspotColumns = () => columnsFrom("hubspot_contacts_export_columns.txt", HUBSPOT_SUBSET);
export const salesforceColumns = () => columnsFrom("salesforce_contact_export_columns.txt", SALESFORCE_SUBSET);

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export type BadKind = "email" | "number" | "latin1";

export interface GeneratedFile {
  bytes: Buffer;
  /** Data rows in the file. */
  rows: number;
  /** Rows expected to be rejected: row number as reported (header = 1) and the column at fault. */
  bad: { row: number; field: string; kind: BadKind }[];
}

/**
 * A HubSpot "All contacts" export: every real column, the usual ones filled, and every `badEvery`
 * th row broken in turn by a bad email, a non-numeric page-view count, or a Latin-1 encoded name.
 */
export function hubspotContactsCsv(options: { rows: number; badEvery?: number; offset?: number }): GeneratedFile {
  const columns = hubspotColumns();
  const index = new Map(columns.map((c, i) => [c, i]));
  const lines: Buffer[] = [Buffer.from(`${columns.map(csvCell).join(",")}\r\n`)];
  const bad: GeneratedFile["bad"] = [];
  const kinds: BadKind[] = ["email", "number", "latin1"];
  for (let n = 0; n < options.rows; n++) {
    const i = n + (options.offset ?? 0);
    const cells = columns.map(() => "");
    const set = (column: string, value: string) => {
      const at = index.get(column);
      if (at !== undefined) cells[at] = value;
    };
    const company = `Company ${i % 50}`;
    set("Record ID", String(1_000_000 + i));
    set("First Name", `First${i}`);
    set("Last Name", `Last ${i}`);
    set("Email", `person${i}@example.com`);
    set("Job Title", i % 3 === 0 ? "VP, Customer Success" : "Engineer");
    set("Phone Number", `+1 555 ${String(1000 + (i % 9000))}`);
    set("Company Name", company);
    set("Associated Company", company);
    set("Associated Company IDs", String(900_000 + (i % 50)));
    set("Country/Region", i % 2 ? "Germany" : "United States");
    set("Lifecycle Stage", i % 10 === 0 ? "Evangelist" : i % 3 === 0 ? "Customer" : "Lead");
    set("Number of Pageviews", String(i % 97));
    set("HubSpot Score", String((i * 7) % 100));
    set("Last NPS survey rating", String(i % 11));
    set("Last NPS survey comment", i % 5 === 0 ? 'Says "great", would\nrecommend' : "");
    set("Create Date", `2025-0${1 + (i % 9)}-1${i % 10} 10:1${i % 10}`);
    set("Unsubscribed from all email", i % 4 === 0 ? "true" : "false");
    set("Membership Notes", i % 7 === 0 ? "gold; since 2019, renewed" : "");
    set("höbbela", i % 11 === 0 ? "ünïcödé ✓" : "");
    const badEvery = options.badEvery ?? 0;
    const kind = badEvery > 0 && n % badEvery === badEvery - 1 ? kinds[Math.floor(n / badEvery) % 3] : undefined;
    const row = n + 2;
    if (kind === "email") {
      set("Email", `person${i}-at-example.com`);
      bad.push({ row, field: "Email", kind });
    } else if (kind === "number") {
      set("Number of Pageviews", "lots");
      bad.push({ row, field: "Number of Pageviews", kind });
    } else if (kind === "latin1") {
      set("First Name", `José${i}`);
      bad.push({ row, field: "First Name", kind });
    }
    const text = `${cells.map(csvCell).join(",")}\r\n`;
    lines.push(kind === "latin1" ? Buffer.from(text, "latin1") : Buffer.from(text, "utf8"));
  }
  return { bytes: Buffer.concat(lines), rows: options.rows, bad };
}

/** A Salesforce Contact.csv (Data Export): API field names, 18-character ids, AccountId links. */
export function salesforceContactsCsv(options: { rows: number }): GeneratedFile {
  const columns = salesforceColumns();
  const index = new Map(columns.map((c, i) => [c, i]));
  const lines = [`${columns.join(",")}\n`];
  for (let i = 0; i < options.rows; i++) {
    const cells = columns.map(() => "");
    const set = (column: string, value: string) => {
      const at = index.get(column);
      if (at !== undefined) cells[at] = value;
    };
    set("Id", `0035g00000Ab${String(i).padStart(4, "0")}AAA`);
    set("IsDeleted", "false");
    set("AccountId", `0015g00000Xy${String(i % 5).padStart(4, "0")}AAA`);
    set("FirstName", `Sf${i}`);
    set("LastName", `Person ${i}`);
    set("Email", `sf${i}@example.org`);
    set("Title", "Head of Ops");
    set("Phone", `(415) 555-${String(1000 + i)}`);
    set("MailingCountry", "France");
    set("HasOptedOutOfEmail", i % 2 ? "true" : "false");
    set("DoNotCall", "false");
    set("CreatedDate", "2024-03-05T10:00:00.000Z");
    lines.push(`${cells.map(csvCell).join(",")}\n`);
  }
  return { bytes: Buffer.from(lines.join("")), rows: options.rows, bad: [] };
}
