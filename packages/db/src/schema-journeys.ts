// Row types of the journeys module (migration 0029). Timestamps epoch ms, JSON documents TEXT.

export type JourneyStatus = "draft" | "active" | "paused" | "archived";

export interface JourneysTable {
  tenantId: string;
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  /**
   * JSON: what enrolls a contact, e.g. {"type": "segment_joined", "segmentId": "seg_…"},
   * {"type": "event_received", "event": "Integration Connected"} or
   * {"type": "survey_answered", "kind": "nps", "minScore": 9, "maxScore": 10}.
   */
  trigger: string;
  /** A segment expression the contact must match on entering and before every step; null: none. */
  condition: string | null;
  /** A segment expression saying what the journey is for; who matches it when a step comes leaves, converted. */
  goal: string | null;
  /** JSON: the ordered steps (send_email, wait, invite_to_program, award_points, set_lifecycle_stage). */
  steps: string;
  /** 1: a contact who finished may enter again on a later trigger. */
  allowReentry: number;
  /** The last segment change this journey has looked at (ids sort by time); null: none yet. */
  cursor: string | null;
  /** A signal-triggered journey enrolls for signals received from this time on; null: never activated. */
  listeningFrom: number | null;
  createdAt: number;
  updatedAt: number;
  activatedAt: number | null;
}

export type EnrollmentStatus = "active" | "completed" | "exited";

export interface JourneyEnrollmentsTable {
  tenantId: string;
  id: string;
  journeyId: string;
  contactId: string;
  status: EnrollmentStatus;
  /** Index of the next step to run. */
  step: number;
  /** When the next step is due (a wait moves it on); null once finished. */
  nextRunAt: number | null;
  enteredAt: number;
  finishedAt: number | null;
  /** Why an enrollment exited early, in words. */
  exitReason: string | null;
}

export type JourneyActionOutcome = "done" | "skipped" | "failed";

/** What each step did for each contact: the journey's history, and its exactly-once record. */
export interface JourneyActionsTable {
  tenantId: string;
  id: string;
  journeyId: string;
  enrollmentId: string;
  contactId: string;
  step: number;
  action: string;
  outcome: JourneyActionOutcome;
  detail: string | null;
  at: number;
}

export interface JourneysDatabase {
  journeys: JourneysTable;
  journeyEnrollments: JourneyEnrollmentsTable;
  journeyActions: JourneyActionsTable;
}
