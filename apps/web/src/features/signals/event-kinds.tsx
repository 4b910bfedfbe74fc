import type { MantineColor } from "@mantine/core";
import type { ReactNode } from "react";
import type { TimelineEvent } from "../../api/types.ts";
import { AlertIcon, ContactsIcon, GaugeIcon, GiftIcon, SignalIcon, StarIcon } from "../../ui/icons.tsx";

export type EventKind = "survey" | "ticket" | "purchase" | "advocacy" | "profile" | "usage";

// Advocacy acts by name (core's scoring module lists them for personalities); anything else a
// product sends is usage.
const advocacyActs = new Set(
  [
    "Community Answer Posted",
    "Webinar Hosted",
    "How-To Published",
    "Training Delivered",
    "Reference Call Completed",
    "Review Published",
    "Case Study Published",
    "Testimonial Given",
    "Speaking Engagement",
    "Social Post Shared",
    "Press Quote Given",
    "Award Nominated",
    "Beta Feedback Submitted",
    "Feature Request Submitted",
    "Advisory Board Attended",
    "Early Access Joined",
    "Referral Sent",
    "Referral Converted",
    "Event Attended",
    "Challenge Completed",
  ].map((n) => n.toLowerCase()),
);

export function eventKind(event: TimelineEvent): EventKind {
  if (event.type !== "track") return "profile";
  const name = (event.event ?? "").toLowerCase();
  if (/survey|nps|csat/.test(name)) return "survey";
  if (name.startsWith("ticket")) return "ticket";
  if (/order|purchase|subscription|renewal|refund/.test(name)) return "purchase";
  if (advocacyActs.has(name)) return "advocacy";
  return "usage";
}

export const eventKindStyle: Record<EventKind, { label: string; color: MantineColor; icon: ReactNode }> = {
  survey: { label: "Survey", color: "teal", icon: <GaugeIcon size={14} /> },
  ticket: { label: "Support", color: "orange", icon: <AlertIcon size={14} /> },
  purchase: { label: "Billing", color: "green", icon: <GiftIcon size={14} /> },
  advocacy: { label: "Advocacy", color: "grape", icon: <StarIcon size={14} /> },
  profile: { label: "Profile", color: "gray", icon: <ContactsIcon size={14} /> },
  usage: { label: "Product", color: "blue", icon: <SignalIcon size={14} /> },
};

/** identify → "Profile updated", page → "Viewed a page", track → its event name. */
export function eventTitle(event: TimelineEvent): string {
  switch (event.type) {
    case "track":
      return event.event ?? "Event";
    case "identify":
      return "Profile updated";
    case "page":
      return "Viewed a page";
    case "screen":
      return "Viewed a screen";
    case "group":
      return "Joined an account";
    case "alias":
      return "Identity linked";
    default:
      return event.event ?? event.type;
  }
}
