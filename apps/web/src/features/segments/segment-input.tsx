import { Textarea } from "@mantine/core";
import { type ReactNode, type Ref, useRef } from "react";
import type { SegmentSyntaxError } from "./segment-error.ts";
import "./segments.css";

/**
 * A text area for a segment expression that underlines the part the server could not read. The
 * underline is drawn by a transparent copy of the text laid exactly over the input.
 */
export function SegmentInput({
  ref,
  value,
  onChange,
  syntaxError,
  description,
  rightSection,
  onSubmit,
}: {
  ref?: Ref<HTMLTextAreaElement>;
  value: string;
  onChange: (value: string) => void;
  syntaxError: SegmentSyntaxError | null;
  description?: ReactNode;
  rightSection?: ReactNode;
  onSubmit?: () => void;
}) {
  const overlay = useRef<HTMLDivElement>(null);
  const range = syntaxError?.range ?? null;

  return (
    <Textarea
      ref={ref}
      label="Segment expression"
      description={description}
      placeholder='nps >= 9 and industry in ("fintech", "saas") and last_active < 30d'
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onScroll={(event) => {
        if (overlay.current) overlay.current.scrollTop = event.currentTarget.scrollTop;
      }}
      onKeyDown={(event) => {
        // Enter applies at once (the live preview already runs as you type); Shift+Enter breaks the line.
        if (event.key === "Enter" && !event.shiftKey && onSubmit) {
          event.preventDefault();
          onSubmit();
        }
      }}
      error={syntaxError?.message}
      autosize
      minRows={2}
      maxRows={8}
      spellCheck={false}
      autoCapitalize="none"
      autoComplete="off"
      autoCorrect="off"
      rightSection={rightSection}
      rightSectionWidth={rightSection ? 40 : undefined}
      classNames={{ input: "seg-input" }}
      inputContainer={(children) => (
        <div className="seg-field">
          {children}
          <div ref={overlay} className="seg-overlay" aria-hidden="true" data-right={rightSection ? "" : undefined}>
            {range ? (
              <>
                {value.slice(0, range.start)}
                <mark className="seg-mark" data-testid="segment-error-mark">
                  {range.end > range.start ? value.slice(range.start, range.end) : "\u00a0\u00a0"}
                </mark>
                {value.slice(range.end)}
              </>
            ) : (
              value
            )}
            {"\n"}
          </div>
        </div>
      )}
    />
  );
}
