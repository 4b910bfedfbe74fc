import { useCallback, useEffect, useRef, useState } from "react";
import type { Segment } from "../../api/types.ts";
import { type SegmentSyntaxError, segmentSyntaxError } from "./segment-error.ts";
import { useSegmentPreview } from "./segments.api.ts";

const WAIT_MS = 300;

/**
 * The segment being written: text typed now, a live count once typing pauses, and the syntax
 * error (with the range to underline) while the text is wrong.
 *
 * `applied` is the URL's segment, a saved segment id or an expression: the text applies itself
 * there whenever the server accepts it, so the list follows the last valid expression. A saved
 * segment stays open (for "Save changes") while its expression is being edited.
 */
export function useSegmentDraft({
  applied,
  apply,
  segments,
}: {
  applied: string;
  apply: (segment: string | null) => void;
  segments: Segment[] | undefined;
}) {
  const [openId, setOpenId] = useState<string | null>(applied.startsWith("seg_") ? applied : null);
  const open = openId ? segments?.find((s) => s.id === openId) : undefined;
  const [text, setText] = useState(() => (applied.startsWith("seg_") ? "" : applied));
  const [debounced, setDebounced] = useState(text.trim());
  const lastApplied = useRef(applied);
  // Text put in the editor by the screen (not typed): until it reaches `debounced`, a render still
  // carries the previous expression, which must not be applied again.
  const shown = useRef<string | null>(null);
  const debouncedNow = useRef(debounced);
  debouncedNow.current = debounced;

  const show = useCallback((next: string) => {
    // Already in `debounced`: no render will carry a stale expression, so nothing to wait for.
    shown.current = next.trim() === debouncedNow.current ? null : next.trim();
    setText(next);
    setDebounced(next.trim());
  }, []);

  // The URL changed from outside (back/forward, a dashboard link): follow it.
  useEffect(() => {
    if (applied === lastApplied.current) return;
    lastApplied.current = applied;
    if (applied.startsWith("seg_")) setOpenId(applied);
    else {
      setOpenId(null);
      show(applied);
    }
  }, [applied, show]);

  // A saved segment's expression appears once the list has loaded (or it was just opened).
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (open && filledFor.current !== open.id) {
      filledFor.current = open.id;
      show(open.expression);
    }
    if (!openId) filledFor.current = null;
  }, [open, openId, show]);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), WAIT_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const preview = useSegmentPreview(debounced);
  const settled = !preview.isFetching && !preview.isPlaceholderData;

  // The last answer about the text, kept while the next one is on its way so the message does not blink.
  const [verdict, setVerdict] = useState<{ expression: string; error: unknown } | null>(null);
  useEffect(() => {
    if (!debounced) setVerdict(null);
    else if (settled && preview.isError) setVerdict({ expression: debounced, error: preview.error });
    else if (settled && preview.isSuccess) setVerdict({ expression: debounced, error: null });
  }, [debounced, settled, preview.isError, preview.isSuccess, preview.error]);

  // A valid expression becomes the list's segment; an unchanged saved one stays named by its id.
  useEffect(() => {
    if (shown.current !== null) {
      if (debounced !== shown.current) return;
      shown.current = null;
    }
    if (!settled || !preview.isSuccess || !debounced) return;
    if (openId && !open && segments === undefined) return; // wait for the saved segment's expression
    const target = open && open.expression === debounced ? open.id : debounced;
    if (target !== lastApplied.current) {
      lastApplied.current = target;
      apply(target);
    }
  }, [settled, preview.isSuccess, debounced, open, openId, segments, apply]);

  const change = (next: string) => {
    shown.current = null;
    setText(next);
    if (next.trim() === "" && lastApplied.current !== "" && !openId) {
      lastApplied.current = "";
      setDebounced("");
      apply(null);
    }
  };

  /** Opens a saved segment (or, with null, goes back to every advocate). */
  const openSegment = (segment: Segment | null) => {
    setOpenId(segment?.id ?? null);
    filledFor.current = segment?.id ?? null;
    lastApplied.current = segment?.id ?? "";
    show(segment?.expression ?? "");
    apply(segment?.id ?? null);
  };

  const trimmed = text.trim();
  const judged = verdict?.expression === trimmed;
  const syntaxError: SegmentSyntaxError | null =
    verdict?.error && trimmed ? segmentSyntaxError(verdict.error, text) : null;

  return {
    text,
    setText: change,
    /** Skips the pause (Enter). */
    flush: () => setDebounced(trimmed),
    open,
    openSegment,
    edited: open !== undefined && trimmed !== open.expression,
    // The message stays until the next answer; the underline only while the text is the one judged.
    syntaxError: syntaxError ? { message: syntaxError.message, range: judged ? syntaxError.range : null } : null,
    /** Other failures (network, server): not the expression's fault. */
    failure: verdict?.error && !syntaxError ? verdict.error : null,
    /** How many contacts the current text matches, once the server has answered for exactly this text. */
    count: judged && !verdict?.error ? preview.data?.count : undefined,
    counting: Boolean(trimmed) && (preview.isFetching || trimmed !== debounced),
    valid: judged && verdict?.error === null,
  };
}
