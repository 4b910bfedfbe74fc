import { formatNumber } from "../../ui/format.ts";
import { ErrorState } from "../../ui/states.tsx";
import { useCommunitySummary } from "../community/community.api.ts";
import { formatZonedRange } from "../community/zoned-time.ts";
import { ChartCard } from "./chart-card.tsx";
import { SummaryRows } from "./summary-rows.tsx";

/** The community now: what is coming, who is coming or waiting, whether people show up and how they liked it. */
export function CommunityCard() {
  const summary = useCommunitySummary();
  const s = summary.data;
  const rows = s
    ? [
        { label: "Events to come", value: formatNumber(s.upcomingEvents), to: "/community" },
        { label: "Coming in the next 30 days", value: formatNumber(s.goingNext30Days), to: "/community" },
        { label: "On a waitlist", value: formatNumber(s.waitlisted), to: "/community" },
        {
          label: "Came, of those expected (90 days)",
          value: s.attendanceRate90Days === null ? "—" : `${Math.round(s.attendanceRate90Days * 100)} %`,
          to: "/community?tab=past",
        },
        {
          label: "Rated by who came (90 days)",
          value: s.rating90Days
            ? `${s.rating90Days.average.toFixed(1)} / 5 · ${formatNumber(s.rating90Days.answers)}`
            : "—",
          to: "/community?tab=past",
        },
        { label: "Members of spaces", value: formatNumber(s.members), to: "/community?tab=spaces" },
      ]
    : [];
  return (
    <ChartCard
      title="Community"
      description={
        s?.nextEvent
          ? `Next: ${s.nextEvent.title}, ${formatZonedRange(s.nextEvent.startsAt, s.nextEvent.startsAt, s.nextEvent.timezone)}`
          : "User groups, advisory boards and their events"
      }
      link={{ to: "/community", label: "View events" }}
      loading={summary.isPending}
      height={180}
    >
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <SummaryRows rows={rows} />
      )}
    </ChartCard>
  );
}
