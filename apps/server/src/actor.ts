import { AppError } from "@advo/core";
import type { Actor } from "@advo/core/users";
import type { FastifyRequest } from "fastify";

export function actorOf(request: FastifyRequest): Actor {
  const auth = request.auth;
  if (!auth) throw new Error(`route ${request.routeOptions.url} used actorOf() without authentication`);
  return auth.actor;
}

/**
 * Whose behalf a write is for: an advocate always acts as themselves (naming someone else is
 * refused), staff must name the contact.
 */
export function contactOfRequest(request: FastifyRequest, named: string | undefined): string {
  const auth = request.auth;
  if (auth?.role === "advocate") {
    if (named && named !== auth.contactId) throw new AppError("forbidden", "an advocate can only act for themselves");
    return auth.contactId as string;
  }
  if (!named)
    throw new AppError("invalid", "contactId: required when staff act on an advocate's behalf", [
      { path: "contactId", message: "required when staff act on an advocate's behalf" },
    ]);
  return named;
}
