import { createHash } from "node:crypto";

/** Lower case, accents folded, punctuation to spaces, single spaces: what brand terms match against. */
export function normaliseText(text: string): string {
  return ` ${text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

export const normaliseHandle = (handle: string) =>
  handle
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?[^/]+\//, "")
    .replace(/^@/, "")
    .replace(/\/+$/, "");

/** A url without its fragment, trailing slash or tracking parameters, host lower-cased. */
export function normaliseUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = "";
    u.hostname = u.hostname.toLowerCase();
    for (const key of [...u.searchParams.keys()]) if (/^utm_/i.test(key)) u.searchParams.delete(key);
    return u.toString().replace(/\/$/, "");
  } catch {
    return url.trim();
  }
}

const sha256 = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * The two dedupe keys; a mention is a duplicate when either was seen (each has a unique index, so two
 * racing batches cannot both store it). urlKey: the normalised url. fingerprint: the normalised text and
 * author — or, with a url and no author, the url again: identical anonymous text at two urls is usually
 * two people, while anonymous text with no url has nothing else to tell it apart.
 */
export function mentionKeys(m: {
  url?: string | null;
  text: string;
  authorHandle?: string | null;
  authorEmail?: string | null;
  authorName?: string | null;
}): { urlKey: string | null; fingerprint: string } {
  const urlKey = m.url ? sha256(`u:${normaliseUrl(m.url)}`) : null;
  const author = m.authorHandle || m.authorEmail || m.authorName || "";
  const fingerprint =
    urlKey && !author ? urlKey : sha256(`t:${normaliseText(m.text).trim()}\u0000${normaliseText(author).trim()}`);
  return { urlKey, fingerprint };
}

/** Text out of HTML: tags dropped, common entities decoded, whitespace collapsed. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
