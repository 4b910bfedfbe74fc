export type SpaceKind = "user_group" | "advisory_board" | "ambassador_circle" | "online_group";
export type SpaceVisibility = "open" | "invite_only";
export type MemberRole = "member" | "leader";
export type CommunityEventKind = "meetup" | "webinar" | "workshop" | "advisory_board" | "conference";
export type CommunityEventStatus = "scheduled" | "cancelled";
export type RegistrationRole = "attendee" | "speaker" | "host";
/** invited: asked, not answered; going / waitlisted: registered; attended / no_show: after the event. */
export type RegistrationStatus = "invited" | "going" | "waitlisted" | "declined" | "attended" | "no_show";

/** A group advocates belong to: a regional user group, an advisory board, an ambassador circle. */
export interface CommunitySpacesTable {
  tenantId: string;
  id: string;
  name: string;
  kind: SpaceKind;
  /** Sanitised rich text (HTML). */
  description: string;
  region: string | null;
  /** open: advocates join from the hub; invite_only: a manager adds them. */
  visibility: SpaceVisibility;
  status: "active" | "archived";
  createdAt: number;
  updatedAt: number;
}

export interface CommunityMembersTable {
  tenantId: string;
  spaceId: string;
  contactId: string;
  role: MemberRole;
  joinedAt: number;
  /** "advocate" when they joined from the hub, else the user who added them. */
  addedBy: string;
}

/** A meetup, webinar, workshop or board meeting, in a space or open to every advocate. */
export interface CommunityEventsTable {
  tenantId: string;
  id: string;
  /** The space whose members may register; null: any advocate may. */
  spaceId: string | null;
  title: string;
  kind: CommunityEventKind;
  description: string;
  startsAt: number;
  endsAt: number;
  /** IANA zone the times are shown in (the event's local time). */
  timezone: string;
  location: string | null;
  onlineUrl: string | null;
  /** Places for attendees (speakers and hosts take none); null: no limit. */
  capacity: number | null;
  /** Points each attendee gets once their attendance is recorded. */
  attendancePoints: number;
  status: CommunityEventStatus;
  cancelReason: string | null;
  /** When the day-before reminder went out; null: not yet (or the event moved since). */
  remindedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CommunityRegistrationsTable {
  tenantId: string;
  eventId: string;
  contactId: string;
  role: RegistrationRole;
  status: RegistrationStatus;
  /** Order on the waitlist: who registered first gets the next free place. */
  registeredAt: number;
  updatedAt: number;
  pointsTransactionId: string | null;
  /** When who came was asked how it was; null: not (yet). */
  feedbackAskedAt: number | null;
  /** Their answer: 1–5 and what they wrote; null until they answer. */
  feedbackRating: number | null;
  feedbackComment: string | null;
  feedbackAt: number | null;
}

export interface CommunityDatabase {
  communitySpaces: CommunitySpacesTable;
  communityMembers: CommunityMembersTable;
  communityEvents: CommunityEventsTable;
  communityRegistrations: CommunityRegistrationsTable;
}
