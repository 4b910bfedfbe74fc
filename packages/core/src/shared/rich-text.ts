import sanitizeHtml from "sanitize-html";

// Rich text written by people (program and challenge descriptions, testimonials, shout-outs) is
// stored sanitised: a small formatting vocabulary, links only to http(s)/mailto, no scripts,
// styles or event handlers. The web app still renders it escaped or through this same allow-list.
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "code",
    "pre",
  ],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** Plain text: every tag removed, entities kept encoded. */
export function stripTags(text: string): string {
  return sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} }).trim();
}

/**
 * Stored rich text as plain text for an email: paragraphs and line breaks kept, tags dropped (through
 * the same sanitiser), the entities it encodes decoded.
 */
export function richTextToPlain(html: string): string {
  const withBreaks = html.replace(/<\/(p|li|h3|h4|blockquote|pre)>/gi, "$&\n\n").replace(/<br\s*\/?>/gi, "$&\n");
  return stripTags(withBreaks)
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
