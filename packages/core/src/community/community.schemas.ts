import { z } from "zod";

export const spaceKinds = ["user_group", "advisory_board", "ambassador_circle", "online_group"] as const;
export const spaceVisibilities = ["open", "invite_only"] as const;
export const memberRoles = ["member", "leader"] as const;
export const eventKinds = ["meetup", "webinar", "workshop", "advisory_board", "conference"] as const;
export const registrationRoles = ["attendee", "speaker", "host"] as const;
export const registrationStatuses = ["invited", "going", "waitlisted", "declined", "attended", "no_show"] as const;

const id = z.string().min(1).max(40);
const isoDate = z.iso.datetime({ offset: true });
const richText = z.string().trim().max(20_000).describe("Rich text (HTML); sanitised when stored");

const timezone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be an IANA time zone, e.g. Europe/Berlin" },
  );

export const createSpaceInput = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(spaceKinds),
  description: richText.default(""),
  region: z.string().trim().min(1).max(80).nullable().optional().describe("e.g. EMEA, Berlin, North America"),
  visibility: z
    .enum(spaceVisibilities)
    .default("open")
    .describe("open: advocates join from the hub; invite_only: a manager adds them"),
});
export type CreateSpaceInput = z.input<typeof createSpaceInput>;

export const updateSpaceInput = z.object({
  name: createSpaceInput.shape.name.optional(),
  kind: z.enum(spaceKinds).optional(),
  description: richText.optional(),
  region: createSpaceInput.shape.region,
  visibility: z.enum(spaceVisibilities).optional(),
  status: z.enum(["active", "archived"]).optional(),
});
export type UpdateSpaceInput = z.input<typeof updateSpaceInput>;

export const addMembersInput = z.object({
  contactIds: z.array(id).min(1).max(1000),
  role: z.enum(memberRoles).default("member"),
});

export const spaceOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(spaceKinds),
  description: z.string(),
  region: z.string().nullable(),
  visibility: z.enum(spaceVisibilities),
  status: z.enum(["active", "archived"]),
  members: z.number(),
  upcomingEvents: z.number(),
  createdAt: z.string(),
});
export type Space = z.infer<typeof spaceOutput>;

export const spaceMemberOutput = z.object({
  contactId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  role: z.enum(memberRoles),
  joinedAt: z.string(),
  eventsAttended: z.number().describe("Events of this space they attended"),
});

const eventFields = {
  title: z.string().trim().min(1).max(200),
  kind: z.enum(eventKinds),
  description: richText,
  startsAt: isoDate,
  endsAt: isoDate,
  timezone: timezone.describe("IANA zone the event's local time is in, e.g. Europe/Berlin"),
  location: z.string().trim().min(1).max(300).nullable().optional().describe("Venue and address"),
  onlineUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000)
    .nullable()
    .optional()
    .describe("Where to join online"),
  capacity: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .nullable()
    .optional()
    .describe("Places for attendees (speakers and hosts take none); null: no limit"),
  attendancePoints: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .describe("Points each attendee gets once attendance is recorded"),
};

export const createEventInput = z.object({
  ...eventFields,
  description: richText.default(""),
  spaceId: id.nullable().optional().describe("Only this space's members may register; none: any advocate"),
});
export type CreateEventInput = z.input<typeof createEventInput>;

export const updateEventInput = z.object({
  title: eventFields.title.optional(),
  kind: eventFields.kind.optional(),
  description: richText.optional(),
  startsAt: isoDate.optional(),
  endsAt: isoDate.optional(),
  timezone: timezone.optional(),
  location: eventFields.location,
  onlineUrl: eventFields.onlineUrl,
  capacity: eventFields.capacity,
  attendancePoints: eventFields.attendancePoints,
});
export type UpdateEventInput = z.input<typeof updateEventInput>;

export const eventListQuery = z.object({
  when: z.enum(["upcoming", "past", "all"]).default("upcoming"),
  spaceId: id.optional(),
  contactId: id.optional().describe("Only events this contact is registered for or invited to"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const counts = z.object({
  going: z.number(),
  waitlisted: z.number(),
  invited: z.number(),
  declined: z.number(),
  attended: z.number(),
  noShow: z.number(),
});

export const eventOutput = z.object({
  id: z.string(),
  spaceId: z.string().nullable(),
  spaceName: z.string().nullable(),
  title: z.string(),
  kind: z.enum(eventKinds),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().nullable(),
  placesLeft: z.number().nullable().describe("Attendee places still free; null: no limit"),
  attendancePoints: z.number(),
  status: z.enum(["scheduled", "cancelled"]),
  cancelReason: z.string().nullable(),
  counts,
  createdAt: z.string(),
  registration: z
    .object({
      status: z.enum(registrationStatuses),
      role: z.enum(registrationRoles),
      rating: z.number().nullable().describe("How they rated the event afterwards (1–5); null: not (yet)"),
    })
    .nullable()
    .optional()
    .describe("The contact's own registration, when the list was asked for one contact (contactId)"),
});
export type CommunityEvent = z.infer<typeof eventOutput>;

export const registrationOutput = z.object({
  contactId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  role: z.enum(registrationRoles),
  status: z.enum(registrationStatuses),
  registeredAt: z.string(),
  waitlistPosition: z.number().nullable(),
  pointsTransactionId: z.string().nullable(),
});
export type Registration = z.infer<typeof registrationOutput>;

export const eventDetailOutput = eventOutput.extend({ registrations: z.array(registrationOutput) });
export type CommunityEventDetail = z.infer<typeof eventDetailOutput>;

export const registerInput = z.object({
  contactIds: z.array(id).min(1).max(1000),
  role: z.enum(registrationRoles).default("attendee"),
});

export const inviteInput = z.object({
  contactIds: z.array(id).min(1).max(1000),
  message: z.string().trim().max(2000).optional().describe("A personal note at the top of the invitation"),
});

export const inviteResultOutput = z.object({
  invited: z.number(),
  skipped: z.array(z.object({ contactId: z.string(), reason: z.string() })),
});

export const attendanceInput = z.object({
  attended: z.array(id).max(5000).default([]).describe("Contacts who came"),
  noShow: z.array(id).max(5000).default([]).describe("Registered contacts who did not come"),
});

export const attendanceResultOutput = z.object({
  attended: z.number(),
  noShow: z.number(),
  pointsAwarded: z.number().describe("Points posted now (a repeat posts none)"),
});

export const cancelEventInput = z.object({
  reason: z.string().trim().min(1).max(500).describe("Told to everyone registered"),
});

/** The events an advocate came to lately, and what they said of each (the hub asks who has not). */
export const hubPastEventOutput = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(eventKinds),
  startsAt: z.string(),
  endsAt: z.string(),
  timezone: z.string(),
  myRating: z.number().nullable(),
  myComment: z.string().nullable(),
});

/** What the hub shows an advocate: spaces they are in or may join, events they may come to. */
export const hubCommunityOutput = z.object({
  spaces: z.array(
    spaceOutput.pick({ id: true, name: true, kind: true, description: true, region: true, members: true }).extend({
      member: z.boolean(),
      role: z.enum(memberRoles).nullable(),
    }),
  ),
  events: z.array(
    eventOutput
      .pick({
        id: true,
        spaceName: true,
        title: true,
        kind: true,
        description: true,
        startsAt: true,
        endsAt: true,
        timezone: true,
        location: true,
        onlineUrl: true,
        placesLeft: true,
        attendancePoints: true,
        status: true,
        cancelReason: true,
      })
      .extend({
        myStatus: z.enum(registrationStatuses).nullable(),
        myRole: z.enum(registrationRoles).nullable(),
        waitlistPosition: z.number().nullable(),
      }),
  ),
  /** Events they came to in the last 60 days, most recent first. */
  attended: z.array(hubPastEventOutput),
});
export type HubCommunity = z.infer<typeof hubCommunityOutput>;

/** An attendee's answer to "how was it?". */
export const eventFeedbackInput = z.object({
  rating: z.number().int().min(1).max(5).describe("1 (poor) to 5 (excellent)"),
  comment: z.string().trim().max(2000).optional().describe("What they liked, or what would make the next one better"),
});

/** What an event's attendees said of it: for the manager's event page. */
export const eventFeedbackOutput = z.object({
  /** Who came (attended). */
  attended: z.number(),
  /** Of them, who was asked (the request goes out once the event is over). */
  asked: z.number(),
  answered: z.number(),
  /** Mean rating of those who answered; null: nobody yet. */
  averageRating: z.number().nullable(),
  /** How many gave each rating, 1 to 5. */
  ratings: z.array(z.number()).length(5),
  answers: z.array(
    z.object({
      contactId: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      rating: z.number(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type EventFeedback = z.infer<typeof eventFeedbackOutput>;

export const hubRsvpInput = z.object({
  going: z.boolean().describe("true: register (or join the waitlist when full); false: cancel or decline"),
});
export const hubRsvpOutput = z.object({
  status: z.enum(registrationStatuses),
  waitlistPosition: z.number().nullable(),
});
