import { useDebouncedValue } from "@mantine/hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";

/** A filter kept in the URL (so back/forward and shared links keep it). */
export function useUrlParam(name: string): [string, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const set = useCallback(
    (next: string | null) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          if (next) copy.set(name, next);
          else copy.delete(name);
          return copy;
        },
        { replace: true },
      ),
    [name, setParams],
  );
  return [value, set];
}

/** Text typed now, written to the URL (and so queried) once typing pauses. */
export function useDebouncedUrlParam(name: string, wait = 250): [string, (value: string) => void, string] {
  const [committed, commit] = useUrlParam(name);
  const [text, setText] = useState(committed);
  const [debounced] = useDebouncedValue(text, wait);
  const committedRef = useRef(committed);
  committedRef.current = committed;
  useEffect(() => {
    if (debounced.trim() !== committedRef.current) commit(debounced.trim() || null);
  }, [debounced, commit]);
  return [text, setText, committed];
}
