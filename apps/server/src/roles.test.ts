import { createContact } from "@advo/core/contacts";
import { issueMagicLink, redeemMagicLink } from "@advo/core/hub";
import { allRoles, can, createApiKey, permissionMatrix, type Role, staffRoles } from "@advo/core/users";
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
    const staff = staffRoles.filter((r) => r !== "owner");
    const roles: Role[] = [...staff];
    const keys: Record<string, string> = Object.fromEntries(
      await Promise.all(
        staff.map(async (role) => [role, (await createApiKey(t.scope, { name: role, role }, null)).key] as const),
      ),
    );
    // An advocate signed in to the hub by magic link is a role too.
    const advocate = await createContact(t.scope, { email: "advocate@roles.example" });
    const link = await issueMagicLink(t.scope, advocate.id);
    keys.advocate = (await redeemMagicLink(ctx.db, t.scope.clock, link.token)).token;
    roles.push("advocate");
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
    expect(Object.keys(permissionMatrix).sort()).toEqual([...allRoles].sort());
  });
});
