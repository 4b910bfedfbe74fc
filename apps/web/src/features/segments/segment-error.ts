import { ApiError } from "../../api/api-error.ts";

export interface SegmentSyntaxError {
  message: string;
  /** Where the mistake is in the text as typed (0-based, end exclusive); null when the server named no position. */
  range: { start: number; end: number } | null;
}

const POSITION = /^at position (\d+): /;

/**
 * The server answers a bad expression with a 400 whose errors[0].message reads
 * "at position N: expected …" (N counts from 1 in the trimmed expression). Turns that into a
 * message and the range of the text to underline: the word, number or quoted string starting there.
 */
export function segmentSyntaxError(error: unknown, text: string): SegmentSyntaxError | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const raw =
    error.fieldErrors.find((e) => e.path.replace(/^body\.?/, "") === "expression")?.message ??
    error.fieldErrors[0]?.message ??
    error.message;
  const match = POSITION.exec(raw);
  if (!match) return { message: capitalizeFirst(raw.replace(/^segment expression /, "")), range: null };
  const message = raw.slice(match[0].length);
  const leading = text.length - text.trimStart().length;
  const start = Math.min(leading + Number(match[1]) - 1, text.length);
  return { message: `At position ${match[1]}: ${message}`, range: { start, end: tokenEnd(text, start) } };
}

function tokenEnd(text: string, start: number): number {
  const first = text[start];
  if (first === undefined) return start; // the end of the input: the caller marks a gap after the text
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, start + 1);
    return close === -1 ? text.length : close + 1;
  }
  const word = /^[\w.]+/.exec(text.slice(start));
  if (word) return start + word[0].length;
  const operator = /^(>=|<=|!=|[=<>~])/.exec(text.slice(start));
  return start + (operator ? operator[0].length : 1);
}

const capitalizeFirst = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);
