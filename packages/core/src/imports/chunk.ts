/** What one committed chunk did, row by row. Rejected rows are reported through `Reject`. */
export interface ChunkCounts {
  inserted: number;
  updated: number;
  skipped: number;
}

export type Reject = (row: { row: number; line: string }, field: string, reason: string) => void;
