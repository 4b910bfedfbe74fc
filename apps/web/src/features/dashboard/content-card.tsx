import { formatNumber } from "../../ui/format.ts";
import { ErrorState } from "../../ui/states.tsx";
import { useContentSummary } from "../content/content.api.ts";
import { ChartCard } from "./chart-card.tsx";
import { SummaryRows } from "./summary-rows.tsx";

/** The content library now: in use, waiting on advocates, and about to stop being usable. */
export function ContentCard() {
  const summary = useContentSummary();
  const s = summary.data;
  const rows = s
    ? [
        { label: "In use now", value: s.live, to: "/content?status=published" },
        {
          label: "Waiting for the advocate's approval",
          value: s.awaitingApproval,
          to: "/content?status=awaiting_approval",
        },
        { label: "Changes asked by the advocate", value: s.changesRequested, to: "/content?status=changes_requested" },
        { label: "Approved, not yet published", value: s.approved, to: "/content?status=approved" },
        { label: "Drafts", value: s.drafts, to: "/content?status=draft" },
      ]
    : [];
  return (
    <ChartCard
      title="Customer content"
      description={
        s
          ? `${formatNumber(s.expiringSoon)} in use with a term ending within 30 days${s.lapsed > 0 ? ` · ${formatNumber(s.lapsed)} published past their term` : ""}`
          : "Testimonials and case studies, approved by their advocates"
      }
      link={{ to: "/content", label: "View library" }}
      loading={summary.isPending}
      height={180}
    >
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <SummaryRows rows={rows.map((r) => ({ ...r, value: formatNumber(r.value) }))} />
      )}
    </ChartCard>
  );
}
