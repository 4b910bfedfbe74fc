import { type Page, type PageQuery, pageOf, pageQuery, type Scope } from "@advo/core";
import type { Actor, Permission } from "@advo/core/users";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

interface CrudResource<Out, Filter extends z.ZodObject, Create extends z.ZodType, Update extends z.ZodType> {
  /** e.g. /api/v1/contacts */
  path: string;
  tag: string;
  output: z.ZodType<Out>;
  filter: Filter;
  create: Create;
  update: Update;
  read: Permission;
  write: Permission;
  remove: Permission;
  list(scope: Scope, query: z.infer<Filter> & PageQuery): Promise<Page<Out>>;
  /** actor: who is writing, for records that keep it (e.g. consent evidence). */
  insert(scope: Scope, input: z.infer<Create>, actor: Actor): Promise<Out>;
  get(scope: Scope, id: string): Promise<Out>;
  patch(scope: Scope, id: string, input: z.infer<Update>, actor: Actor): Promise<Out>;
  delete(scope: Scope, id: string): Promise<void>;
  deleteSummary?: string;
}

/** The five routes every plain resource has, with the API conventions applied the same way each time. */
export function registerCrud<Out, Filter extends z.ZodObject, Create extends z.ZodType, Update extends z.ZodType>(
  app: FastifyInstance,
  r: CrudResource<Out, Filter, Create, Update>,
) {
  // Handlers are generic over the resource, so the typed provider cannot check them; the zod
  // schemas still validate every request and serialise every response.
  const typed = app;
  const tags = [r.tag];
  const item = `${r.path}/:id`;
  const query = pageQuery.extend(r.filter.shape);

  typed.get(
    r.path,
    {
      schema: { tags, summary: `List ${r.tag}`, querystring: query, response: { 200: pageOf(r.output) } },
      config: { permission: r.read },
    },
    async (request) => r.list(scopeOf(request), request.query as z.infer<Filter> & PageQuery),
  );
  typed.post(
    r.path,
    {
      schema: { tags, summary: `Create one of ${r.tag}`, body: r.create, response: { 201: r.output } },
      config: { permission: r.write },
    },
    async (request, reply) =>
      reply.code(201).send(await r.insert(scopeOf(request), request.body as z.infer<Create>, actorOf(request))),
  );
  typed.get(
    item,
    {
      schema: { tags, summary: `Get one of ${r.tag}`, params: idParam, response: { 200: r.output } },
      config: { permission: r.read },
    },
    async (request) => r.get(scopeOf(request), (request.params as { id: string }).id),
  );
  typed.patch(
    item,
    {
      schema: { tags, summary: `Update one of ${r.tag}`, params: idParam, body: r.update, response: { 200: r.output } },
      config: { permission: r.write },
    },
    async (request) =>
      r.patch(
        scopeOf(request),
        (request.params as { id: string }).id,
        request.body as z.infer<Update>,
        actorOf(request),
      ),
  );
  typed.delete(
    item,
    {
      schema: {
        tags,
        summary: r.deleteSummary ?? `Delete one of ${r.tag}`,
        params: idParam,
        response: { 204: z.null() },
      },
      config: { permission: r.remove },
    },
    async (request, reply) => {
      await r.delete(scopeOf(request), (request.params as { id: string }).id);
      return reply.code(204).send(null);
    },
  );
}
