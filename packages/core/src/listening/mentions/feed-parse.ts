import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { MentionInput } from "./mention.schemas.ts";
import { stripHtml } from "./text.ts";

export type FeedFormat = "rss" | "atom";

export interface ParsedFeed {
  format: FeedFormat;
  items: MentionInput[];
}

/** A feed that could not be read: reported on the feed record, never thrown out of the worker. */
export class FeedFormatError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ["item", "entry", "link", "author", "dc:creator"].includes(name),
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** The text of an element that may carry attributes ({"#text": …}) or be a list. */
function textOf(value: unknown): string | null {
  if (value == null) return null;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "string" || typeof value === "number") return String(value).trim() || null;
  if (isNode(value)) return textOf(value["#text"]);
  return null;
}

const dateOf = (value: unknown): number | undefined => {
  const t = textOf(value);
  const ms = t ? Date.parse(t) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

const httpUrl = (v: string | null) => (v && /^https?:\/\//i.test(v) ? v : null);

function joinText(title: string | null, body: string | null): string {
  const parts = [title, body].map((p) => (p ? stripHtml(p) : "")).filter(Boolean);
  if (parts.length === 2 && parts[1]?.startsWith(parts[0] ?? "")) return parts[1] ?? "";
  return parts.join(". ");
}

// RSS's <author> is an email, often "jane@x.com (Jane Doe)".
function rssAuthor(item: Node): Pick<MentionInput, "authorEmail" | "authorName"> {
  const raw = textOf(item.author);
  const creator = textOf(item["dc:creator"]);
  const email = raw?.match(/[^\s()<>]+@[^\s()<>]+\.[^\s()<>]+/)?.[0]?.toLowerCase() ?? null;
  const inParens = raw?.match(/\(([^)]+)\)/)?.[1]?.trim() ?? null;
  return { authorEmail: email, authorName: creator ?? inParens ?? (email ? null : raw) };
}

function rssItems(channel: Node): MentionInput[] {
  const items = Array.isArray(channel.item) ? channel.item.filter(isNode) : [];
  return items.map((item) => {
    const guid = item.guid;
    const guidIsLink = !(isNode(guid) && guid["@_isPermaLink"] === "false");
    return {
      url: httpUrl(textOf(item.link)) ?? (guidIsLink ? httpUrl(textOf(guid)) : null),
      text: joinText(textOf(item.title), textOf(item["content:encoded"]) ?? textOf(item.description)),
      publishedAt: dateOf(item.pubDate) ?? dateOf(item["dc:date"]),
      ...rssAuthor(item),
    };
  });
}

function atomLink(entry: Node): string | null {
  const links = Array.isArray(entry.link) ? entry.link.filter(isNode) : [];
  const alternate = links.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? links[0];
  return httpUrl(typeof alternate?.["@_href"] === "string" ? alternate["@_href"] : null);
}

function atomEntries(feed: Node): MentionInput[] {
  const entries = Array.isArray(feed.entry) ? feed.entry.filter(isNode) : [];
  const feedAuthor = Array.isArray(feed.author) && isNode(feed.author[0]) ? feed.author[0] : null;
  return entries.map((entry) => {
    const author = Array.isArray(entry.author) && isNode(entry.author[0]) ? entry.author[0] : feedAuthor;
    const uri = textOf(author?.uri);
    return {
      url: atomLink(entry) ?? httpUrl(textOf(entry.id)),
      text: joinText(textOf(entry.title), textOf(entry.content) ?? textOf(entry.summary)),
      publishedAt: dateOf(entry.published) ?? dateOf(entry.updated),
      authorName: textOf(author?.name),
      authorEmail: textOf(author?.email)?.toLowerCase() ?? null,
      authorHandle: uri ? (uri.split("/").filter(Boolean).pop() ?? null) : null,
    };
  });
}

/** Reads an RSS 2.0 or Atom document. Items without text are skipped; anything else is a FeedFormatError. */
export function parseFeed(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FeedFormatError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const doc = parser.parse(xml) as Node;
  const withText = (items: MentionInput[]) => items.filter((i) => i.text.trim().length > 0);
  if (isNode(doc.rss)) {
    const channel = doc.rss.channel;
    if (!isNode(channel)) throw new FeedFormatError("an RSS document without a <channel>");
    return { format: "rss", items: withText(rssItems(channel)) };
  }
  if (isNode(doc.feed)) return { format: "atom", items: withText(atomEntries(doc.feed)) };
  throw new FeedFormatError("neither an RSS 2.0 <rss> nor an Atom <feed> document");
}
