import { AppError } from "../../shared/errors.ts";
import { type PropensityModel, propensityModelSchema } from "./model.schemas.ts";

/** The model as JSON text, e.g. for a per-tenant database column. */
export function serializePropensityModel(model: PropensityModel): string {
  return JSON.stringify(model);
}

/**
 * A model read back from JSON text (or an already parsed value), validated: a wrong format,
 * version or shape is an AppError "invalid" naming the offending fields.
 */
export function parsePropensityModel(input: string | unknown): PropensityModel {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      throw new AppError("invalid", "propensity model: not valid JSON");
    }
  }
  const parsed = propensityModelSchema.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError(
      "invalid",
      `propensity model: ${errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ")}`,
      errors,
    );
  }
  return parsed.data;
}
