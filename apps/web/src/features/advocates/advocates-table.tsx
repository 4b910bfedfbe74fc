import { Link } from "react-router";
import type { Advocate } from "../../api/types.ts";
import { type Column, DataTable, type Selection } from "../../ui/data-table.tsx";
import { personName } from "../../ui/format.ts";
import { PersonalityBadge } from "../../ui/personality-badge.tsx";
import { formatPercent, ScoreBar } from "../../ui/score.tsx";

export type RankedAdvocate = Advocate & { rank: number };

const npsClass = (nps: number) => (nps >= 9 ? "nps-promoter" : nps >= 7 ? "nps-passive" : "nps-detractor");

const columns: Column<RankedAdvocate>[] = [
  { header: "#", cell: (a) => <span className="dt-dim adv-rank">{a.rank}</span>, align: "right", from: "sm" },
  {
    header: "Advocate",
    cell: (a) => (
      <>
        <Link className="dt-link" to={`/contacts/${a.contactId}?tab=score`}>
          {personName(a)}
        </Link>
        <span className="dt-sub">{a.title ?? a.email ?? "—"}</span>
      </>
    ),
  },
  { header: "Score", cell: (a) => <ScoreBar score={a.score} /> },
  {
    header: "Confidence",
    cell: (a) => <span className={a.confidence < 0.4 ? "dt-dim" : undefined}>{formatPercent(a.confidence)}</span>,
    align: "right",
    from: "md",
  },
  { header: "Personality", cell: (a) => <PersonalityBadge personality={a.personality} />, from: "sm" },
  {
    header: "Propensity",
    cell: (a) =>
      a.propensity === null ? <span className="dt-dim">—</span> : <span>{formatPercent(a.propensity)}</span>,
    align: "right",
    from: "lg",
  },
  { header: "Top reason", cell: (a) => <span className="adv-reason">{a.topReason ?? "—"}</span>, from: "md" },
  {
    header: "Account",
    cell: (a) =>
      a.accountId ? (
        <Link className="adv-account" to={`/accounts/${a.accountId}`}>
          {a.accountName ?? "Account"}
        </Link>
      ) : (
        <span className="dt-dim">—</span>
      ),
    from: "lg",
  },
  {
    header: "NPS",
    cell: (a) =>
      a.latestNps === null ? (
        <span className="dt-dim">—</span>
      ) : (
        <span className={`nps-chip ${npsClass(a.latestNps)}`}>{a.latestNps}</span>
      ),
    align: "right",
    from: "md",
  },
];

export function AdvocatesTable({
  rows,
  dimmed,
  selection,
}: {
  rows: Advocate[];
  dimmed?: boolean;
  selection?: Selection;
}) {
  const ranked = rows.map((row, i) => ({ ...row, rank: i + 1 }));
  return (
    <DataTable
      label="Advocates"
      rows={ranked}
      columns={columns}
      rowKey={(a) => a.contactId}
      rowHref={(a) => `/contacts/${a.contactId}?tab=score`}
      dimmed={dimmed}
      selection={selection}
    />
  );
}
