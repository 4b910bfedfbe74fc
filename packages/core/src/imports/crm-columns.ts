import type { ImportKind, ValueType } from "./import.schemas.ts";

// Column names of common exports, compared after normalising: lower case, letters and digits only,
// so HubSpot's labels ("First Name", "Job Title") and Salesforce's API names ("FirstName", "Title")
// meet in one table. `{system}` is replaced by the detected or given system (hubspot, salesforce, …).

export const normalizeHeader = (header: string) =>
  header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

type Dictionary = Record<string, string>;

const CONTACTS: Dictionary = {
  email: "email",
  emailaddress: "email",
  email1: "email",
  firstname: "firstName",
  givenname: "firstName",
  lastname: "lastName",
  surname: "lastName",
  familyname: "lastName",
  name: "name",
  fullname: "name",
  contactname: "name",
  title: "title",
  jobtitle: "title",
  phone: "phone",
  phonenumber: "phone",
  workphone: "phone",
  businessphone: "phone",
  locale: "locale",
  region: "region",
  country: "region",
  countryregion: "region",
  mailingcountry: "region",
  lifecyclestage: "crmLifecycleStage",
  company: "account.name",
  companyname: "account.name",
  accountname: "account.name",
  associatedcompany: "account.name",
  organization: "account.name",
  organisation: "account.name",
  companydomainname: "account.domain",
  companydomain: "account.domain",
  twitterusername: "socialHandles.x",
  twitterhandle: "socialHandles.x",
  linkedin: "socialHandles.linkedin",
  linkedinurl: "socialHandles.linkedin",
  unsubscribedfromallemail: "optOut.marketingEmail",
  hasoptedoutofemail: "optOut.marketingEmail",
  emailoptout: "optOut.marketingEmail",
  donotcall: "optOut.phone",
  hasoptedoutoffax: "optOut.fax",
  lastnpssurveyrating: "attributes.lastNpsScore",
  lastnpssurveydate: "attributes.lastNpsAt",
  lastnpssurveycomment: "attributes.lastNpsComment",
  becameanevangelistdate: "attributes.becameEvangelistAt",
  externalid: "externalIds.{system}",
};

const CONTACTS_BY_SYSTEM: Record<string, Dictionary> = {
  hubspot: { recordid: "externalIds.hubspot", associatedcompanyids: "account.externalIds.hubspot" },
  salesforce: {
    id: "externalIds.salesforce",
    contactid: "externalIds.salesforce",
    accountid: "account.externalIds.salesforce",
  },
  other: { id: "externalIds.{system}" },
};

const ACCOUNTS: Dictionary = {
  name: "name",
  companyname: "name",
  accountname: "name",
  company: "name",
  domain: "domain",
  companydomainname: "domain",
  website: "domain",
  websiteurl: "domain",
  companywebsite: "domain",
  industry: "industry",
  numberofemployees: "employeeCount",
  employees: "employeeCount",
  employeecount: "employeeCount",
  country: "country",
  countryregion: "country",
  billingcountry: "country",
  region: "region",
  stateregion: "region",
  billingstate: "region",
  plan: "plan",
  arr: "arr",
  annualrecurringrevenue: "arr",
  lifecyclestage: "lifecycleStage",
  externalid: "externalIds.{system}",
};

const ACCOUNTS_BY_SYSTEM: Record<string, Dictionary> = {
  hubspot: { recordid: "externalIds.hubspot", companyid: "externalIds.hubspot" },
  salesforce: { id: "externalIds.salesforce", accountid: "externalIds.salesforce" },
  other: { id: "externalIds.{system}" },
};

const EVENTS: Dictionary = {
  type: "type",
  messagetype: "type",
  userid: "userId",
  anonymousid: "anonymousId",
  event: "event",
  eventname: "event",
  name: "name",
  timestamp: "timestamp",
  occurredat: "timestamp",
  time: "timestamp",
  messageid: "messageId",
  email: "email",
  groupid: "groupId",
  previousid: "previousId",
};

// Typed columns of HubSpot and Salesforce exports (kept as attributes under their own names):
// a value of the wrong type rejects the row instead of storing "abc" where a count belongs.
const NUMBERS = new Set(
  [
    "Annual Revenue",
    "AnnualRevenue",
    "Average Pageviews",
    "Days To Close",
    "Event Revenue",
    "HubSpot Score",
    "Last NPS survey rating",
    "Likelihood to close",
    "Marketing emails bounced",
    "Marketing emails clicked",
    "Marketing emails delivered",
    "Marketing emails opened",
    "Marketing emails replied",
    "Number of Associated Deals",
    "Number of Employees",
    "NumberOfEmployees",
    "Number of event completions",
    "Number of Form Submissions",
    "Number of Pageviews",
    "Number of Sales Activities",
    "Number of sequences enrolled",
    "Number of Sessions",
    "Number of times contacted",
    "Number of Unique Forms Submitted",
    "Predictive Lead Score",
    "Recent Deal Amount",
    "Sends Since Last Engagement",
    "Total Revenue",
    "MailingLatitude",
    "MailingLongitude",
    "OtherLatitude",
    "OtherLongitude",
  ].map(normalizeHeader),
);
const INTEGERS = new Set(["Last NPS survey rating"].map(normalizeHeader));
const BOOLEANS = new Set(
  [
    "Contact unworked",
    "Currently in Sequence",
    "Email Address Quarantined",
    "Email Confirmed",
    "Invalid email address",
    "Marketing contact until next update",
    "Opted out of email: Customer Service Communication",
    "Unsubscribed from all email",
    "IsDeleted",
    "HasOptedOutOfEmail",
    "HasOptedOutOfFax",
    "DoNotCall",
  ].map(normalizeHeader),
);
const DATES = new Set(
  [
    "Birthdate",
    "SystemModstamp",
    "Object create date/time",
    "Time First Seen",
    "Time Last Seen",
    "Time of First Session",
    "Time of Last Session",
    "Registered At",
    "Last Contacted",
  ].map(normalizeHeader),
);

/** Words of a label, splitting camelCase API names too: "CreatedDate" → created, date. */
const words = (label: string) =>
  label
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);

/** The type a known CRM column's values must have; "auto" for anything else. */
export function crmColumnType(header: string): ValueType {
  const key = normalizeHeader(header);
  if (INTEGERS.has(key)) return "integer";
  if (NUMBERS.has(key)) return "number";
  if (BOOLEANS.has(key)) return "boolean";
  if (DATES.has(key) || words(header).includes("date")) return "date";
  return "auto";
}

const SALESFORCE_MARKERS = [
  "accountid",
  "mailingcountry",
  "hasoptedoutofemail",
  "systemmodstamp",
  "isdeleted",
  "billingcountry",
  "masterrecordid",
  "ownerid",
];

/** Which CRM exported these columns, if one of the two whose exports Advo knows. */
export function detectSystem(headers: string[]): "hubspot" | "salesforce" | null {
  const keys = new Set(headers.map(normalizeHeader));
  if (keys.has("recordid") || keys.has("associatedcompanyids")) return "hubspot";
  if (SALESFORCE_MARKERS.some((k) => keys.has(k))) return "salesforce";
  return null;
}

/** The target a column is recognised as, or null. `system` names external ids. */
export function recognise(kind: ImportKind, header: string, system: string | null): string | null {
  const key = normalizeHeader(header);
  const [common, bySystem] =
    kind === "contacts"
      ? [CONTACTS, CONTACTS_BY_SYSTEM]
      : kind === "accounts"
        ? [ACCOUNTS, ACCOUNTS_BY_SYSTEM]
        : [EVENTS];
  const specific = system && bySystem ? (bySystem[system] ?? bySystem.other) : undefined;
  const found = specific?.[key] ?? common[key];
  if (!found) return null;
  if (found.includes("{system}")) return system ? found.replace("{system}", system) : null;
  return found;
}
