import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { api, upload } from "../../api/client.ts";
import type { ImportKind, ImportResult, ImportRun, ImportRunDetail, Page } from "../../api/types.ts";

/** The API's limit on one file (MAX_IMPORT_BYTES in the server's imports route). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type FileFormat = "csv" | "ndjson";

/** The format a file's name says it holds, as the CLI reads it (formatOfPath); null when it says nothing. */
export function formatOfName(name: string): FileFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "tsv" || ext === "txt") return "csv";
  if (ext === "ndjson" || ext === "jsonl" || ext === "json") return "ndjson";
  return null;
}

export interface ImportRequest {
  file: File;
  kind: ImportKind;
  format: FileFormat;
  /** contacts/accounts: the CRM the file comes from (detected from the columns when absent); events: the source to record. */
  source?: string;
  /** A mapping file's JSON text. */
  mapping?: string;
}

export type ImportState =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "importing" }
  | { phase: "done"; result: ImportResult; request: ImportRequest }
  | { phase: "failed"; error: unknown };

/** Uploads one file to POST /api/v1/imports, following the upload and then the import. */
export function useImport() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(
    async (request: ImportRequest) => {
      const controller = new AbortController();
      abort.current = controller;
      setState({ phase: "uploading", sent: 0, total: request.file.size });
      try {
        const result = await upload<ImportResult>("/api/v1/imports", request.file, {
          query: {
            kind: request.kind,
            format: request.format,
            source: request.source,
            mapping: request.mapping,
            fileName: request.file.name,
          },
          contentType: request.format === "csv" ? "text/csv" : "application/x-ndjson",
          signal: controller.signal,
          onProgress: (sent, total) =>
            // Once the whole file is sent, the server is still importing what it streamed in.
            setState(sent >= total ? { phase: "importing" } : { phase: "uploading", sent, total }),
        });
        setState({ phase: "done", result, request });
        // Contacts, accounts, scores and timelines may all have changed; the list of imports has.
        if (result.inserted + result.updated > 0) await queryClient.invalidateQueries();
        else await queryClient.invalidateQueries({ queryKey: ["imports"] });
      } catch (error) {
        setState(
          error instanceof DOMException && error.name === "AbortError" ? { phase: "idle" } : { phase: "failed", error },
        );
        // A refused file is on record too.
        await queryClient.invalidateQueries({ queryKey: ["imports"] });
      } finally {
        abort.current = null;
      }
    },
    [queryClient],
  );

  return {
    state,
    start,
    /** Stops the upload. Chunks the server already committed stay; importing the file again adds nothing twice. */
    cancel: () => abort.current?.abort(),
    reset: () => setState({ phase: "idle" }),
  };
}

export const importKeys = { runs: ["imports", "runs"] as const, run: (id: string) => ["imports", "run", id] as const };

/** The latest imports, newest first. */
export function useImportRuns(limit = 20) {
  return useQuery({
    queryKey: importKeys.runs,
    queryFn: ({ signal }) => api.get<Page<ImportRun>>("/api/v1/imports", { limit }, signal),
  });
}

/** One import with the rows it refused. */
export function useImportRun(id: string) {
  return useQuery({
    queryKey: importKeys.run(id),
    queryFn: ({ signal }) => api.get<ImportRunDetail>(`/api/v1/imports/${encodeURIComponent(id)}`, undefined, signal),
  });
}
