import { z } from "zod";
import { staffRoles } from "./permissions.ts";

export const staffRole = z.enum(staffRoles);
export const email = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ message: "must be an email address like name@example.com" }))
  .transform((value) => value.toLowerCase());

export const password = z.string().min(8, "must be at least 8 characters").max(200);

export const createUserInput = z.object({
  email,
  name: z.string().trim().min(1).max(120),
  role: staffRole,
  password: password.optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: staffRole.optional().describe("Changing it signs the user out everywhere"),
    disabled: z.boolean().optional().describe("A disabled user cannot sign in; their sessions end at once"),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "give name, role or disabled", path: ["name"] });
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const userOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: staffRole,
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type User = z.infer<typeof userOutput>;

export const signInInput = z.object({
  workspace: z.string().trim().min(1).max(40).describe("The workspace slug, e.g. demo"),
  email,
  password: z.string().min(1).max(200),
});
export type SignInInput = z.input<typeof signInInput>;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(120),
  role: staffRole.exclude(["owner"]).default("admin"),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  role: staffRole,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeyOutput>;

export const createdApiKeyOutput = apiKeyOutput.extend({
  key: z.string().describe("The secret key. Shown once: store it now."),
});
