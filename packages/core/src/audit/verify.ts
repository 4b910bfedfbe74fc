import type { Scope } from "../shared/scope.ts";
import { entriesAfter, readAuditHead } from "./audit.queries.ts";
import type { AuditVerifyReport } from "./audit.schemas.ts";
import { AUDIT_GENESIS_HASH, auditEntryHash } from "./hash-chain.ts";

const PAGE = 5000;
const MAX_PROBLEMS = 1000;

/**
 * Walks a tenant's audit log in order and recomputes every hash: names the first entry whose stored
 * values were altered, a broken link, a gap (a deleted entry) and a moved head. Read-only.
 */
export async function verifyAuditLog(scope: Scope, onProgress?: (checked: number) => void): Promise<AuditVerifyReport> {
  const problems: AuditVerifyReport["problems"] = [];
  let firstAltered: number | null = null;
  const report = (p: AuditVerifyReport["problems"][number], altered: number | null = p.seq) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    if (altered !== null && (firstAltered === null || altered < firstAltered)) firstAltered = altered;
  };
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await entriesAfter(scope, lastSeq, PAGE);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        report({ seq, problem: `entries ${expectedSeq}–${seq - 1} are missing (deleted from the log)` });
      if (r.prevHash !== prevHash)
        report(
          {
            seq,
            problem: `chain broken: prev_hash does not match entry ${seq - 1}'s hash (entry ${seq - 1} was altered, replaced or removed)`,
          },
          seq - 1,
        );
      const { prevHash: _p, hash: _h, ...fields } = r;
      if (auditEntryHash(r.prevHash, fields) !== r.hash)
        report({ seq, problem: "altered: the stored entry no longer matches its hash" });
      prevHash = r.hash;
      expectedSeq = seq + 1;
      lastSeq = seq;
      checked++;
    }
    onProgress?.(checked);
  }
  const head = await readAuditHead(scope);
  const headSeq = Number(head?.lastSeq ?? 0);
  const headHash = head?.lastHash ?? AUDIT_GENESIS_HASH;
  if (headSeq !== lastSeq || headHash !== prevHash) {
    report({
      seq: headSeq,
      problem: `the chain head says entry ${headSeq} (${headHash.slice(0, 12)}…) but the entries end at ${lastSeq} (${prevHash.slice(0, 12)}…)`,
    });
  }
  return {
    ok: problems.length === 0,
    entriesChecked: checked,
    lastSeq,
    lastHash: prevHash,
    firstAlteredSeq: firstAltered,
    problems,
  };
}
