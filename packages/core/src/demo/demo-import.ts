import { csvRecord, importStream, memoryErrorSink } from "../imports/index.ts";
import type { Scope } from "../shared/scope.ts";
import { demoFaker } from "./demo-data.ts";

/**
 * A first import on record, as a team's first weeks hold one: a webinar tool's attendee export, run
 * through the real import. Most attendees are new contacts at customer accounts (matched by company
 * name), one is already a contact (their title is updated), and one email was mistyped, so the
 * console's Import page shows a refused row from the start.
 */
export async function importDemoAttendees(
  scope: Scope,
  accounts: readonly { name: string; domain: string | null }[],
  known: { firstName: string | null; lastName: string | null; email: string | null },
  actor: { id: string; name: string },
) {
  // Its own generator: the rest of the demo draws the same data with or without this file.
  const faker = demoFaker(20261124);
  const rows = [["First Name", "Last Name", "Email", "Job Title", "Company", "Attended (min)", "Questions Asked"]];
  for (const account of accounts.slice(0, 6)) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    rows.push([
      first,
      last,
      `${local}@${account.domain ?? "example.com"}`,
      faker.person.jobTitle(),
      account.name,
      String(faker.number.int({ min: 12, max: 58 })),
      String(faker.number.int({ min: 0, max: 3 })),
    ]);
  }
  rows.push([known.firstName ?? "", known.lastName ?? "", known.email ?? "", "VP Customer Marketing", "", "45", "2"]);
  rows.push(["Dana", "Reyes", "dana.reyes@", "Operations Lead", accounts[6]?.name ?? "", "30", "0"]);
  const csv = `${rows.map(csvRecord).join("\n")}\n`;
  return importStream(scope, [csv], {
    kind: "contacts",
    format: "csv",
    mapping: {
      source: "webinar",
      columns: {
        Company: "account.name",
        "Attended (min)": { target: "attributes.webinar_minutes", type: "integer" },
        "Questions Asked": { target: "attributes.webinar_questions", type: "integer" },
      },
      unmapped: "attributes",
    },
    errors: memoryErrorSink(),
    record: { actor: { type: "user", ...actor }, fileName: "webinar-attendees-october.csv" },
  });
}
