import { Badge } from "@mantine/core";
import type { Journey, JourneyStep } from "../../api/types.ts";
import { useEvents } from "../community/community.api.ts";
import { usePrograms } from "../programs/programs.api.ts";
import { useSegments } from "../segments/segments.api.ts";

const statusColors: Record<Journey["status"], string> = {
  draft: "gray",
  active: "teal",
  paused: "yellow",
  archived: "gray",
};

export function JourneyStatusBadge({ status }: { status: Journey["status"] }) {
  return (
    <Badge color={statusColors[status]} variant="light" radius="sm" styles={{ label: { overflow: "visible" } }}>
      {status}
    </Badge>
  );
}

const duration = (days: number) =>
  days < 1 ? `${Math.round(days * 24)} h` : `${Number(days.toFixed(1))} day${days === 1 ? "" : "s"}`;

/** The names a journey's ids stand for: segments and programs, once loaded. */
export function useJourneyNames() {
  const segments = useSegments();
  const programs = usePrograms();
  const events = useEvents({ when: "all" });
  return {
    segment: (id: string) =>
      segments.data?.find((s) => s.id === id)?.name ?? (segments.data ? "a deleted segment" : "…"),
    program: (id: string) =>
      programs.data?.find((p) => p.id === id)?.name ?? (programs.data ? "a program no longer there" : "…"),
    event: (id: string) =>
      events.data?.find((e) => e.id === id)?.title ?? (events.data ? "an event no longer there" : "…"),
  };
}

export function triggerText(trigger: Journey["trigger"], names: ReturnType<typeof useJourneyNames>) {
  switch (trigger.type) {
    case "event_received":
      return `Does “${trigger.event}”`;
    case "survey_answered": {
      const scores =
        trigger.minScore === trigger.maxScore ? `${trigger.minScore}` : `${trigger.minScore}–${trigger.maxScore}`;
      return `Answers ${trigger.kind.toUpperCase()} ${scores}${trigger.survey ? ` to a survey named “…${trigger.survey}…”` : ""}`;
    }
    default:
      return `${trigger.type === "segment_joined" ? "Joins" : "Leaves"} “${names.segment(trigger.segmentId)}”`;
  }
}

export function stepText(step: JourneyStep, names: ReturnType<typeof useJourneyNames>): string {
  const what = stepAction(step, names);
  return step.type !== "wait" && step.onlyIf ? `${what}, only if ${step.onlyIf}` : what;
}

function stepAction(step: JourneyStep, names: ReturnType<typeof useJourneyNames>): string {
  switch (step.type) {
    case "send_email":
      return `Email “${step.subject}”${step.ask ? " (an ask)" : ""}`;
    case "wait":
      return `Wait ${duration(step.days)}`;
    case "invite_to_program":
      return `Invite to ${names.program(step.programId)}`;
    case "invite_to_event":
      return `Invite to the event ${names.event(step.eventId)}`;
    case "award_points":
      return `Award ${step.points} points`;
    case "set_lifecycle_stage":
      return `Move to ${step.stage}`;
  }
}

export const actionLabels: Record<string, string> = {
  send_email: "Email",
  invite_to_program: "Program invite",
  invite_to_event: "Event invite",
  award_points: "Points",
  set_lifecycle_stage: "Lifecycle stage",
};
