// Community: spaces advocates belong to (user groups, advisory boards, ambassador circles) and the
// events they come to (meetups, webinars, workshops, board meetings), with invitations under the
// ask-fatigue limits, registration with a waitlist, calendar files, and attendance that counts as an
// advocacy act and earns points exactly once.

export { eventCalendar } from "./calendar.ts";
export * from "./community.schemas.ts";
export { loadDemoCommunity } from "./demo-community.ts";
export {
  actOf,
  cancelEvent,
  cancelRegistration,
  createEvent,
  eventForAdvocate,
  getEvent,
  listEvents,
  recordAttendance,
  registerContacts,
  requireEvent,
  respondAsAdvocate,
  updateEvent,
} from "./events.ts";
export {
  eventFeedback,
  giveEventFeedback,
  sendAllDueFeedbackRequests,
  sendDueFeedbackRequests,
} from "./feedback.ts";
export { communityOfAdvocate } from "./hub.ts";
export { type InviteOptions, inviteToEvent } from "./invites.ts";
export { sendAllDueReminders, sendDueReminders } from "./reminders.ts";
export {
  addMembers,
  createSpace,
  getSpace,
  listSpaces,
  removeMember,
  setOwnMembership,
  spaceMembers,
  updateSpace,
} from "./spaces.ts";
export { type CommunitySummary, communitySummary, communitySummaryOutput } from "./summary.ts";
