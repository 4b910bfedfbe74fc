import { ATTRIBUTES_MAX, createAccountInput } from "../accounts/index.ts";
import { createContactInput, type LifecycleStage, lifecycleStages } from "../contacts/index.ts";
import type { Cell, CellProblem } from "./row-values.ts";

export type ContactField = "email" | "firstName" | "lastName" | "title" | "phone" | "locale" | "region";
const CONTACT_FIELDS = new Set<string>(["email", "firstName", "lastName", "title", "phone", "locale", "region"]);

export interface AccountRef {
  name?: string;
  domain?: string;
  /** system → id, e.g. {salesforce: "001…"} */
  externalIds: Record<string, string>;
  /** The cell that named the account, kept as an attribute when no account can be found or made. */
  source: [column: string, value: string] | null;
}

export interface ContactDraft {
  row: number;
  line: string;
  fields: Partial<Record<ContactField, string>>;
  /** Set on every write (mapped to "lifecycleStage"). */
  lifecycleStage: LifecycleStage | null;
  /** A CRM's lifecycle stage: sets Advo's stage of a new contact only; Advo owns it afterwards. */
  stageOnInsert: LifecycleStage | null;
  externalIds: Record<string, string>;
  socialHandles: Record<string, string>;
  consent: Record<string, { granted: boolean; source: string }>;
  attributes: Record<string, unknown>;
  account: AccountRef | null;
}

// HubSpot's lifecycle stages (labels or internal values) and Advo's own names.
const CRM_STAGES: Record<string, LifecycleStage> = {
  subscriber: "identified",
  lead: "identified",
  marketingqualifiedlead: "identified",
  salesqualifiedlead: "identified",
  opportunity: "identified",
  other: "identified",
  customer: "active",
  evangelist: "champion",
};
const advoStage = (value: string): LifecycleStage | null =>
  (lifecycleStages as readonly string[]).includes(value) ? (value as LifecycleStage) : null;

const shape = createContactInput.shape;
const accountShape = createAccountInput.shape;

function check<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
): { value: T } | { error: string } {
  const result = schema.safeParse(value);
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message ?? "is not valid" };
}

/** A website or domain as a bare domain: "https://www.Acme.com/about" → "acme.com". */
export function domainOf(text: string): { value: string } | { error: string } {
  const bare = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[/?#:].*$/, "");
  return check(accountShape.domain, bare) as { value: string } | { error: string };
}

export { ATTRIBUTES_MAX };

const accountOf = (draft: ContactDraft): AccountRef => {
  draft.account ??= { externalIds: {}, source: null };
  return draft.account;
};

/** Builds a contact from a row's converted cells, or the problems that reject it. */
export function contactDraftOf(
  row: number,
  line: string,
  cells: Cell[],
  system: string | null,
): { draft: ContactDraft } | { problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const draft: ContactDraft = {
    row,
    line,
    fields: {},
    lifecycleStage: null,
    stageOnInsert: null,
    externalIds: {},
    socialHandles: {},
    consent: {},
    attributes: {},
    account: null,
  };
  let fullName: string | null = null;
  for (const { rule, value } of cells) {
    const { target, column } = rule;
    if (target.to === "field") {
      const name = target.name;
      if (CONTACT_FIELDS.has(name)) {
        const r = check(shape[name as ContactField], String(value));
        if ("error" in r) problems.push({ field: column, reason: r.error });
        else if (r.value) draft.fields[name as ContactField] = r.value as string;
      } else if (name === "name") fullName = String(value);
      else if (name === "lifecycleStage") {
        const stage = advoStage(String(value).toLowerCase());
        if (stage) draft.lifecycleStage = stage;
        else problems.push({ field: column, reason: `must be one of ${lifecycleStages.join(", ")}` });
      } else if (name === "crmLifecycleStage") {
        const text = String(value);
        const key = text.toLowerCase().replace(/[^a-z]/g, "");
        draft.stageOnInsert = advoStage(key) ?? CRM_STAGES[key] ?? null;
        if (!advoStage(key)) draft.attributes.crmLifecycleStage = text;
      } else if (name === "account.name") {
        const r = check(accountShape.name, String(value));
        if ("error" in r) problems.push({ field: column, reason: r.error });
        else {
          accountOf(draft).name = r.value as string;
          accountOf(draft).source ??= [column, String(value)];
        }
      } else if (name === "account.domain") {
        const r = domainOf(String(value));
        if ("error" in r) problems.push({ field: column, reason: r.error });
        else accountOf(draft).domain = r.value;
      }
      continue;
    }
    if (target.to !== "map") continue;
    const { map, key } = target;
    if (map === "attributes") draft.attributes[key] = value;
    else if (map === "consent" || map === "optOut") {
      const granted = map === "consent" ? Boolean(value) : !value;
      draft.consent[key] = { granted, source: `import${system ? `:${system}` : ""}` };
    } else {
      // externalIds, socialHandles, account.externalIds: short text. A list ("123;456") gives its first id.
      const whole = String(value);
      const text = (map === "account.externalIds" ? (whole.split(/[;,]/)[0] ?? "") : whole).trim();
      if (text.length === 0 || text.length > 200) {
        problems.push({ field: column, reason: "must be 1 to 200 characters" });
        continue;
      }
      if (map === "externalIds") draft.externalIds[key] = text;
      else if (map === "socialHandles") draft.socialHandles[key] = text;
      else {
        accountOf(draft).externalIds[key] = text;
        accountOf(draft).source = [column, String(value)];
      }
    }
  }
  if (fullName && !draft.fields.firstName && !draft.fields.lastName) {
    const [first, ...rest] = fullName.trim().split(/\s+/);
    if (first) draft.fields.firstName = first.slice(0, 100);
    if (rest.length > 0) draft.fields.lastName = rest.join(" ").slice(0, 100);
  }
  if (!draft.fields.email && Object.keys(draft.externalIds).length === 0 && problems.length === 0) {
    problems.push({
      field: "email",
      reason:
        "is required: a contact needs an email or an external id, so a re-run updates it instead of adding it again",
    });
  }
  if (JSON.stringify(draft.attributes).length > ATTRIBUTES_MAX) {
    problems.push({ field: "attributes", reason: "the row's custom attributes exceed 16 KB of JSON" });
  }
  return problems.length > 0 ? { problems } : { draft };
}
