import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-foundation.ts";
import * as m0002 from "./0002-signals.ts";
import * as m0003 from "./0003-scoring.ts";
import * as m0004 from "./0004-segments.ts";
import * as m0005 from "./0005-propensity.ts";
import * as m0006 from "./0006-mentions.ts";
import * as m0007 from "./0007-ledger.ts";
import * as m0008 from "./0008-programs.ts";
import * as m0009 from "./0009-hub.ts";
import * as m0010 from "./0010-references.ts";
import * as m0011 from "./0011-referrals.ts";
import * as m0012 from "./0012-audit.ts";
import * as m0013 from "./0013-reference-indexes.ts";
import * as m0014 from "./0014-consent.ts";
import * as m0015 from "./0015-sso.ts";
import * as m0016 from "./0016-session-rotation.ts";
import * as m0017 from "./0017-reference-match-versions.ts";
import * as m0018 from "./0018-events-covering-index.ts";
import * as m0019 from "./0019-score-explanations.ts";
import * as m0020 from "./0020-segment-text-statistics.ts";
import * as m0021 from "./0021-mention-keys.ts";
import * as m0022 from "./0022-propensity-outcome.ts";
import * as m0023 from "./0023-hub-session-rotation.ts";
import * as m0024 from "./0024-account-active-days.ts";
import * as m0025 from "./0025-contacts-account-cover.ts";
import * as m0026 from "./0026-import-runs.ts";
import * as m0027 from "./0027-identity-generations.ts";
import * as m0028 from "./0028-completed-jobs.ts";
import * as m0029 from "./0029-journeys.ts";
import * as m0030 from "./0030-email-headers.ts";
import * as m0031 from "./0031-journey-goals.ts";
import * as m0032 from "./0032-content.ts";
import * as m0033 from "./0033-content-disclosure.ts";
import * as m0034 from "./0034-community.ts";
import * as m0035 from "./0035-event-reminders.ts";
import * as m0036 from "./0036-journey-signal-triggers.ts";
import * as m0037 from "./0037-event-feedback.ts";
import * as m0038 from "./0038-explanations-on-read.ts";
import * as m0039 from "./0039-scores-ranked-index.ts";
import * as m0040 from "./0040-content-uses.ts";

// Listed, not read from disk: the same set runs from source (tsx), tests and any bundle.
const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-signals": m0002,
  "0003-scoring": m0003,
  "0004-segments": m0004,
  "0005-propensity": m0005,
  "0006-mentions": m0006,
  "0007-ledger": m0007,
  "0008-programs": m0008,
  "0009-hub": m0009,
  "0010-references": m0010,
  "0011-referrals": m0011,
  "0012-audit": m0012,
  "0013-reference-indexes": m0013,
  "0014-consent": m0014,
  "0015-sso": m0015,
  "0016-session-rotation": m0016,
  "0017-reference-match-versions": m0017,
  "0018-events-covering-index": m0018,
  "0019-score-explanations": m0019,
  "0020-segment-text-statistics": m0020,
  "0021-mention-keys": m0021,
  "0022-propensity-outcome": m0022,
  "0023-hub-session-rotation": m0023,
  "0024-account-active-days": m0024,
  "0025-contacts-account-cover": m0025,
  "0026-import-runs": m0026,
  "0027-identity-generations": m0027,
  "0028-completed-jobs": m0028,
  "0029-journeys": m0029,
  "0030-email-headers": m0030,
  "0031-journey-goals": m0031,
  "0032-content": m0032,
  "0033-content-disclosure": m0033,
  "0034-community": m0034,
  "0035-event-reminders": m0035,
  "0036-journey-signal-triggers": m0036,
  "0037-event-feedback": m0037,
  "0038-explanations-on-read": m0038,
  "0039-scores-ranked-index": m0039,
  "0040-content-uses": m0040,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
