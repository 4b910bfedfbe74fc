import { Text, type TextProps } from "@mantine/core";
import { useMemo } from "react";

/**
 * Rich text the server stored (sanitised HTML) shown as plain text: paragraphs and line breaks kept,
 * markup dropped. Parsed with DOMParser, which runs no scripts and loads nothing; never set as HTML.
 */
export function plainText(html: string): string {
  if (!html) return "";
  if (!/[<&]/.test(html)) return html;
  const withBreaks = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, "\n");
  const doc = new DOMParser().parseFromString(withBreaks, "text/html");
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}

export function RichText({ html, ...props }: { html: string } & TextProps) {
  const text = useMemo(() => plainText(html), [html]);
  if (!text) return null;
  return (
    <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }} {...props}>
      {text}
    </Text>
  );
}
