import { expect, it } from "vitest";
import { richTextToPlain, sanitizeRichText } from "./rich-text.ts";

it("turns stored rich text into plain text for an email, paragraphs kept and entities decoded", () => {
  const stored = sanitizeRichText(
    '<p>We ship <strong>daily</strong> &amp; safely.</p><p>Q&amp;A: "fast" &lt;3<br>Really.</p><script>x()</script>',
  );
  expect(richTextToPlain(stored)).toBe('We ship daily & safely.\n\nQ&A: "fast" <3\nReally.');
  // Text that was never HTML stays as written; an escaped tag stays text, not markup.
  expect(richTextToPlain("Line one\n\nLine two")).toBe("Line one\n\nLine two");
  expect(richTextToPlain("&lt;b&gt;not bold&lt;/b&gt;")).toBe("<b>not bold</b>");
});
