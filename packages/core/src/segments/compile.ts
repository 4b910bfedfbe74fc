import type { Database } from "@advo/db";
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import { programTypes } from "../programs/program.schemas.ts";
import { escapeLike } from "../shared/text-search.ts";
import { type Node, type Operator, parseSegment, syntaxError, type Value } from "./parse.ts";

/** The tables a segment sees: each contact with its latest score and its account. */
export type SegmentTables = "contacts" | "contactScores" | "accounts";
export type SegmentEb = ExpressionBuilder<Database, SegmentTables>;
export type SegmentFilter = (eb: SegmentEb) => Expression<SqlBool>;

type FieldKind = "number" | "text" | "time";
interface Field {
  kind: FieldKind;
  sql: () => RawBuilder<unknown>;
  help: string;
}

const col = (ref: string) => () => sql.ref(ref);

export const segmentFields: Record<string, Field> = {
  nps: { kind: "number", sql: col("contactScores.latestNps"), help: "latest NPS answer, 0–10" },
  csat: { kind: "number", sql: col("contactScores.latestCsat"), help: "latest CSAT answer, 1–5" },
  advocacy_score: { kind: "number", sql: col("contactScores.score"), help: "advocacy score, 0–100" },
  score: { kind: "number", sql: col("contactScores.score"), help: "advocacy score, 0–100" },
  confidence: { kind: "number", sql: col("contactScores.confidence"), help: "score confidence, 0–1" },
  propensity: {
    kind: "number",
    sql: col("contactScores.propensity"),
    help: "predicted chance of an advocacy act, 0–1",
  },
  active_days: { kind: "number", sql: col("contactScores.activeDays"), help: "days active in the last 90" },
  open_tickets: { kind: "number", sql: col("contactScores.openTickets"), help: "open support tickets" },
  advocacy_acts: { kind: "number", sql: col("contactScores.advocacyActs"), help: "advocacy acts completed" },
  last_active: {
    kind: "time",
    sql: col("contactScores.lastActiveAt"),
    help: "time since last product activity, e.g. last_active < 30d",
  },
  created: { kind: "time", sql: col("contacts.createdAt"), help: "time since the contact was added" },
  personality: {
    kind: "text",
    sql: () => sql`coalesce(${sql.ref("contactScores.personalityOverride")}, ${sql.ref("contactScores.personality")})`,
    help: "educator, validator, status_seeker, collaborator",
  },
  lifecycle_stage: {
    kind: "text",
    sql: col("contacts.lifecycleStage"),
    help: "identified, invited, onboarded, active, champion, lapsed",
  },
  email: { kind: "text", sql: col("contacts.email"), help: "email address" },
  first_name: { kind: "text", sql: col("contacts.firstName"), help: "first name" },
  last_name: { kind: "text", sql: col("contacts.lastName"), help: "last name" },
  title: { kind: "text", sql: col("contacts.title"), help: "job title" },
  locale: { kind: "text", sql: col("contacts.locale"), help: "locale, e.g. en, pt-BR" },
  region: {
    kind: "text",
    sql: () => sql`coalesce(${sql.ref("contacts.region")}, ${sql.ref("accounts.region")})`,
    help: "NA, EMEA, APAC, LATAM…",
  },
  account: { kind: "text", sql: col("accounts.name"), help: "account name" },
  industry: { kind: "text", sql: col("accounts.industry"), help: "account industry" },
  country: { kind: "text", sql: col("accounts.country"), help: "account country code" },
  plan: { kind: "text", sql: col("accounts.plan"), help: "account plan" },
  arr: { kind: "number", sql: col("accounts.arr"), help: "account annual recurring revenue" },
  employees: { kind: "number", sql: col("accounts.employeeCount"), help: "account employee count" },
};
segmentFields.lifecycle = segmentFields.lifecycle_stage as Field;

export interface SegmentFunction {
  args: string;
  help: string;
  compile(args: Value[], fail: (message: string) => never, now: number): RawBuilder<SqlBool>;
}

const functions = new Map<string, SegmentFunction>();

/** Functions a segment can call: has_event and in_program below; another module may add its own. */
export function registerSegmentFunction(name: string, fn: SegmentFunction) {
  functions.set(name, fn);
}

registerSegmentFunction("has_event", {
  args: '"Event Name"[, 30d]',
  help: "did the contact send this event (within the given time)?",
  compile(args, fail, now) {
    const [name, within] = args;
    if (name?.kind !== "string") fail('has_event needs an event name string, e.g. has_event("Report Exported", 30d)');
    if (within && within.kind !== "duration") fail("has_event's second argument must be a duration such as 30d");
    const since = within?.kind === "duration" ? now - within.ms : 0;
    return sql<SqlBool>`exists (select 1 from events e where e.tenant_id = ${sql.ref("contacts.tenantId")} and e.contact_id = ${sql.ref("contacts.id")} and lower(e.event) = ${(name as { value: string }).value.toLowerCase()} and e.occurred_at >= ${since})`;
  },
});

// Members still taking part: being invited counts (a new ask should not go to someone a program is
// already courting); lapsed and declined do not.
const TAKING_PART = ["invited", "joined", "active"];

/** "references" → "reference": a program type, singular or plural, when the name is one. */
function programTypeOf(name: string): string | null {
  const types: readonly string[] = programTypes;
  if (types.includes(name)) return name;
  const singular = name.replace(/s$/, "");
  return types.includes(singular) ? singular : null;
}

registerSegmentFunction("in_program", {
  args: '"Program name or type"',
  help: 'is the contact invited to or a member of this program (by name, or any program of a type: "references")?',
  compile(args, fail) {
    const [program, extra] = args;
    if (program?.kind !== "string" || extra)
      fail('in_program needs one program name or type, e.g. in_program("references")');
    const name = (program as { value: string }).value.trim().toLowerCase();
    const type = programTypeOf(name);
    return sql<SqlBool>`exists (select 1 from program_members m join programs p on p.tenant_id = m.tenant_id and p.id = m.program_id
      where m.tenant_id = ${sql.ref("contacts.tenantId")} and m.contact_id = ${sql.ref("contacts.id")}
      and m.state in (${sql.join(TAKING_PART)}) and p.status <> 'archived'
      and (lower(p.name) = ${name}${type ? sql` or p.type = ${type}` : sql``}))`;
  },
});

const textOps: Operator[] = ["=", "!=", "~"];

/** Parses and compiles an expression to a parameterised filter; user values are always bound, never spliced. */
export function compileSegment(source: string, now: number): SegmentFilter {
  const tree = parseSegment(source);
  const fieldOf = (name: string, at: number): Field => {
    const field = segmentFields[name];
    if (!field)
      throw syntaxError(at, `unknown field "${name}"; known fields: ${Object.keys(segmentFields).join(", ")}`);
    return field;
  };

  const literal = (field: Field, name: string, v: Value, at: number): unknown => {
    if (v.kind === "null") throw syntaxError(at, `use "${name} is null" to test for a missing value`);
    if (field.kind === "number") {
      if (v.kind !== "number") throw syntaxError(at, `${name} is a number; compare it with a number`);
      return v.value;
    }
    if (field.kind === "text") {
      if (v.kind !== "string")
        throw syntaxError(at, `${name} is text; put the value in quotes, e.g. ${name} = "value"`);
      return v.value.toLowerCase();
    }
    if (v.kind !== "duration") throw syntaxError(at, `${name} is a time; compare it with a duration such as 30d`);
    return v.ms;
  };

  const build = (node: Node): RawBuilder<SqlBool> => {
    switch (node.type) {
      case "and":
        return sql<SqlBool>`(${build(node.left)} and ${build(node.right)})`;
      case "or":
        return sql<SqlBool>`(${build(node.left)} or ${build(node.right)})`;
      case "not":
        // NULL-safe: "not nps >= 9" includes contacts with no NPS at all.
        return sql<SqlBool>`(coalesce(${build(node.operand)}, false) = false)`;
      case "null-check": {
        const field = fieldOf(node.field, node.at);
        return node.negated ? sql<SqlBool>`(${field.sql()} is not null)` : sql<SqlBool>`(${field.sql()} is null)`;
      }
      case "in": {
        const field = fieldOf(node.field, node.at);
        if (field.kind === "time") throw syntaxError(node.at, `${node.field} is a time; compare it with < or >`);
        if (node.values.length === 0) return node.negated ? sql<SqlBool>`(1 = 1)` : sql<SqlBool>`(1 = 0)`;
        const values = node.values.map((v) => literal(field, node.field, v, node.at));
        const target = field.kind === "text" ? sql`lower(${field.sql()})` : field.sql();
        return node.negated
          ? sql<SqlBool>`(${target} is null or ${target} not in (${sql.join(values)}))`
          : sql<SqlBool>`(${target} in (${sql.join(values)}))`;
      }
      case "compare": {
        const field = fieldOf(node.field, node.at);
        const v = literal(field, node.field, node.value, node.at);
        if (field.kind === "text") {
          if (!textOps.includes(node.op))
            throw syntaxError(node.at, `${node.field} is text; use =, !=, ~ (contains) or in`);
          const target = sql`lower(${field.sql()})`;
          if (node.op === "~") return sql<SqlBool>`(${target} like ${`%${escapeLike(v as string)}%`} escape '\\')`;
          if (node.op === "!=") return sql<SqlBool>`(${target} is null or ${target} <> ${v})`;
          return sql<SqlBool>`(${target} = ${v})`;
        }
        if (field.kind === "time") {
          // "last_active < 30d" reads "less than 30 days ago": the moment is after now − 30 days.
          const moment = now - (v as number);
          switch (node.op) {
            case "<":
              return sql<SqlBool>`(${field.sql()} > ${moment})`;
            case "<=":
              return sql<SqlBool>`(${field.sql()} >= ${moment})`;
            case ">":
              return sql<SqlBool>`(${field.sql()} is null or ${field.sql()} < ${moment})`;
            case ">=":
              return sql<SqlBool>`(${field.sql()} is null or ${field.sql()} <= ${moment})`;
            default:
              throw syntaxError(
                node.at,
                `${node.field} is a time; use < or > with a duration, e.g. ${node.field} < 30d`,
              );
          }
        }
        if (node.op === "~") throw syntaxError(node.at, `~ (contains) works on text; ${node.field} is a number`);
        const op = node.op === "!=" ? "<>" : node.op;
        return sql<SqlBool>`(${field.sql()} ${sql.raw(op)} ${v})`;
      }
      case "call": {
        const fn = functions.get(node.name);
        if (!fn) {
          const known = [...functions.entries()].map(([n, f]) => `${n}(${f.args})`).join(", ");
          throw syntaxError(node.at, `unknown function "${node.name}"; known functions: ${known}`);
        }
        return fn.compile(
          node.args,
          (message) => {
            throw syntaxError(node.at, message);
          },
          now,
        );
      }
    }
  };
  const compiled = build(tree);
  return () => compiled;
}
