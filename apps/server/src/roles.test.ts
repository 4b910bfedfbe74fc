import { can, createApiKey, permissionMatrix, staffRoles } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "./testing.ts";

// Derived from the permission matrix: every role tries every /api route. A role without the route's
// permission must get 403; a role with it must never get 403 (any other answer is the route's business).

describeDialects("role matrix on every route", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("enforces the permission matrix for each role on each route", async () => {
    const t = await createTestTenant(ctx.db);
    const roles = staffRoles.filter((r) => r !== "owner");
    const keys = Object.fromEntries(
      await Promise.all(
        roles.map(async (role) => [role, (await createApiKey(t.scope, { name: role, role }, null)).key] as const),
      ),
    );
    const routes = app.guardedRoutes.filter((r) => r.permission !== "public");
    expect(routes.length).toBeGreaterThan(30);
    let checks = 0;
    for (const route of routes) {
      const url = route.url.replace(/:id/g, "con_00000000000000000000000000");
      for (const role of roles) {
        const res = await app.inject({
          method: route.method as "GET",
          url,
          headers: bearer(keys[role] as string),
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }),
        });
        const allowed = can(role, route.permission as Parameters<typeof can>[1]);
        if (allowed) expect(res.statusCode, `${role} ${route.method} ${route.url}`).not.toBe(403);
        else expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        checks++;
      }
    }
    expect(checks).toBe(routes.length * roles.length);
    expect(Object.keys(permissionMatrix).sort()).toEqual([...staffRoles].sort());
  });
});
