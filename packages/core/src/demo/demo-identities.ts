import type { SegmentMessage } from "../signals/index.ts";
import type { DemoPerson } from "./demo-signals.ts";

// Identity resolution, shown on the demo's own people: browsing before sign-up that an identify (or a
// sign-up track call carrying both ids) attaches, and two duplicates an identify proves to be one person,
// merged on the record and undoable. Chosen by position, not by the demo's faker, so adding this left
// every other demo number where it was.

const DAY = 86_400_000;
const ANONYMOUS_EVERY = 97; // about 1 % of contacts: enough to find, few enough to leave scores alone
const PAGES = ["Home", "Pricing", "Customers", "Docs"];
const PERSONAL = ["gmail.com", "outlook.com"];

export interface DemoIdentities {
  /** Ingested with the other signals: anonymous browsing, sign-ups, and the duplicates' own history. */
  history: SegmentMessage[];
  /** Ingested after history in a batch of their own: the identifies that prove the duplicates. */
  proofs: SegmentMessage[];
}

const userIdOf = (p: DemoPerson) => `demo-user-${p.contactId.slice(-8)}`;

/**
 * `known` holds the userIds the demo's signals already gave a contact: a proof names one of them, so
 * the identify finds the demo contact by userId and the duplicate by email — two contacts, one person.
 */
export function demoIdentities(people: DemoPerson[], known: ReadonlySet<string | null>, now: number): DemoIdentities {
  const history: SegmentMessage[] = [];
  const proofs: SegmentMessage[] = [];
  let n = 0;
  const message = (m: Partial<SegmentMessage> & Pick<SegmentMessage, "type" | "timestamp">): SegmentMessage => ({
    messageId: `demo-id-${++n}`,
    userId: null,
    anonymousId: null,
    event: null,
    properties: {},
    contextTraits: null,
    groupId: null,
    previousId: null,
    ...m,
  });

  people.forEach((p, i) => {
    if (i % ANONYMOUS_EVERY !== 0 || !p.email) return;
    const anonymousId = `demo-anon-${p.contactId.slice(-8)}`;
    // Signed up just before the six months of usage; browsed the site in the days before.
    const signedUp = now - (181 + (i % 20)) * DAY;
    PAGES.slice(0, 2 + (i % 3)).forEach((page, k) => {
      history.push(message({ type: "page", anonymousId, event: page, timestamp: signedUp - (4 - k) * DAY }));
    });
    const ids = { userId: userIdOf(p), anonymousId };
    history.push(
      (i / ANONYMOUS_EVERY) % 2 === 0
        ? message({ type: "identify", ...ids, properties: { email: p.email }, timestamp: signedUp })
        : message({
            type: "track",
            ...ids,
            event: "Signed Up",
            contextTraits: { email: p.email },
            timestamp: signedUp,
          }),
    );
  });

  // The newsletter and webinar tool only ever knew a personal email: a second contact, until the
  // product's identify names both.
  const twins = people.filter((p, i) => i % ANONYMOUS_EVERY === 50 && p.email && known.has(userIdOf(p))).slice(0, 2);
  twins.forEach((p, k) => {
    const personal = `${p.email.split("@")[0]}@${PERSONAL[k % PERSONAL.length]}`;
    const contextTraits = { email: personal };
    history.push(
      message({ type: "track", event: "Newsletter Subscribed", contextTraits, timestamp: now - 150 * DAY }),
      message({ type: "track", event: "Webinar Attended", contextTraits, timestamp: now - 90 * DAY }),
    );
    proofs.push(
      message({ type: "identify", userId: userIdOf(p), properties: { email: personal }, timestamp: now - 3 * DAY }),
    );
  });
  return { history, proofs };
}
