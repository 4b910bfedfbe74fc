// Journeys: trigger → condition → steps (email, wait, program or event invite, points, lifecycle), run by the
// worker for every contact a trigger enrolls, with the ask-fatigue guard on every ask.

export { loadDemoEventJourney, loadDemoJourneys } from "./demo-journeys.ts";
export {
  advanceAllJourneys,
  advanceJourneys,
  JOURNEY_ACTOR,
  type JourneyErrorHandler,
  type JourneyRunOptions,
  renderTemplate,
  runDueSteps,
  STEP_RETRY_MS,
} from "./engine.ts";
export { SETTLE_MS } from "./enrollment.ts";
export { enrollFromSignals } from "./enrollment-signals.ts";
export * from "./journey.schemas.ts";
export {
  activateJourney,
  archiveJourney,
  createJourney,
  getJourney,
  listEnrollments,
  listJourneyActions,
  listJourneys,
  pauseJourney,
  updateJourney,
} from "./journeys.ts";
export { previewJourneyEmail } from "./preview.ts";
