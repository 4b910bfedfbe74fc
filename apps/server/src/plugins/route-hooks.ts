import type { FastifyInstance, RouteOptions } from "fastify";

type Phase = "onRequest" | "preValidation" | "preHandler" | "onSend";

export const methodsOf = (route: RouteOptions): string[] => [route.method].flat();
export const isApiRoute = (route: RouteOptions) => route.url.startsWith("/api/");

/**
 * Attaches a hook to the routes it applies to, when each is registered, instead of to every
 * request: the referral redirect and the Segment endpoints then skip the API's guards entirely
 * (each async hook is a promise and a trip through the queue on every request). Hooks attached
 * this way run in the order they were registered, after any global hook of the same phase.
 */
export function addRouteHook(
  app: FastifyInstance,
  phase: Phase,
  applies: (route: RouteOptions) => boolean,
  // biome-ignore lint/suspicious/noExplicitAny: each phase has its own hook signature; callers pass the right one.
  hook: (...args: any[]) => unknown,
) {
  app.addHook("onRoute", (route) => {
    if (!applies(route)) return;
    const existing = route[phase] as unknown;
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
    (route as unknown as Record<Phase, unknown[]>)[phase] = [...list, hook];
  });
}
