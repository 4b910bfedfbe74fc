// What the segment language offers, for the cheat-sheet. The server's parser is the authority (an
// unknown field is a 400 naming the known ones); this list follows README "Finding advocates".

export interface SegmentFieldHelp {
  name: string;
  kind: "number" | "text" | "time";
  help: string;
}

export const segmentFieldGroups: { title: string; fields: SegmentFieldHelp[] }[] = [
  {
    title: "Score and signals",
    fields: [
      { name: "advocacy_score", kind: "number", help: "advocacy score, 0–100" },
      { name: "confidence", kind: "number", help: "score confidence, 0–1" },
      { name: "nps", kind: "number", help: "latest NPS answer, 0–10" },
      { name: "csat", kind: "number", help: "latest CSAT answer, 1–5" },
      { name: "active_days", kind: "number", help: "days active in the last 90" },
      { name: "open_tickets", kind: "number", help: "open support tickets" },
      { name: "advocacy_acts", kind: "number", help: "advocacy acts completed" },
      { name: "personality", kind: "text", help: "educator, validator, status_seeker, collaborator" },
    ],
  },
  {
    title: "Time since",
    fields: [
      { name: "last_active", kind: "time", help: "last product activity, e.g. last_active < 30d" },
      { name: "created", kind: "time", help: "the contact was added, e.g. created > 1y" },
    ],
  },
  {
    title: "Person",
    fields: [
      { name: "lifecycle_stage", kind: "text", help: "identified, invited, onboarded, active, champion, lapsed" },
      { name: "email", kind: "text", help: "email address" },
      { name: "first_name", kind: "text", help: "first name" },
      { name: "last_name", kind: "text", help: "last name" },
      { name: "title", kind: "text", help: "job title" },
      { name: "locale", kind: "text", help: "locale, e.g. en, pt-BR" },
      { name: "region", kind: "text", help: "NA, EMEA, APAC, LATAM…" },
    ],
  },
  {
    title: "Account",
    fields: [
      { name: "account", kind: "text", help: "account name" },
      { name: "industry", kind: "text", help: "account industry" },
      { name: "country", kind: "text", help: "account country code" },
      { name: "plan", kind: "text", help: "account plan" },
      { name: "arr", kind: "number", help: "annual recurring revenue" },
      { name: "employees", kind: "number", help: "employee count" },
    ],
  },
];

export const segmentOperators: { syntax: string; help: string }[] = [
  { syntax: "= != < <= > >=", help: "compare" },
  { syntax: "~", help: "text contains" },
  { syntax: "in (…) / not in (…)", help: "one of a list" },
  { syntax: "is null / is not null", help: "missing or present" },
  { syntax: "and  or  not  ( )", help: "combine" },
  { syntax: "30d 12h 2w 1y", help: "durations" },
];

export const segmentFunctions: { syntax: string; help: string }[] = [
  { syntax: 'has_event("Name", 30d)', help: "sent this event (within the time given)" },
];

export const segmentExamples: { label: string; expression: string }[] = [
  { label: "Promoters active this month", expression: "nps >= 9 and last_active < 30d" },
  { label: "Ready to ask", expression: "advocacy_score >= 70 and open_tickets = 0" },
  { label: "Fintech and SaaS validators", expression: 'industry in ("fintech", "saas") and personality = "validator"' },
  { label: "Quiet champions", expression: 'lifecycle_stage = "champion" and last_active > 30d' },
];
