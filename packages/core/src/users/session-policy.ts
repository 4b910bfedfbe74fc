// When a session (staff or hub) is rotated, touched or left alone: one policy, two lifetimes.

/** How long the replaced session still works, for requests the browser sent before it saw the new cookie. */
export const ROTATION_GRACE_MS = 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export interface SessionLifetime {
  /** A session unused this long ends. */
  idleMs: number;
  /** However active, the person signs in again after this long. */
  maxAgeMs: number;
  /** A session in use (from a cookie) is replaced by a new one this often. */
  rotateAfterMs: number;
}

interface SessionTimes {
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  signedInAt: number;
}

/** A session's end if used now: idle time runs from now, but never past the absolute lifetime. */
export const sessionEnd = (lifetime: SessionLifetime, signedInAt: number, now: number) =>
  Math.min(now + lifetime.idleMs, signedInAt + lifetime.maxAgeMs);

/**
 * What a request with a valid session does to it: "rotate" (only when the token came in a cookie, as
 * the client must learn the new one), "touch" (slide its idle end, at most once a minute) or nothing.
 * A replaced session only lives out its grace: never extended, never rotated again.
 */
export function sessionStep(
  lifetime: SessionLifetime,
  session: SessionTimes,
  now: number,
  rotate: boolean,
): "rotate" | "touch" | null {
  if (Number(session.expiresAt) <= now + ROTATION_GRACE_MS) return null;
  if (rotate && now - Number(session.createdAt) >= lifetime.rotateAfterMs) return "rotate";
  return now - Number(session.lastSeenAt) > TOUCH_EVERY_MS ? "touch" : null;
}
