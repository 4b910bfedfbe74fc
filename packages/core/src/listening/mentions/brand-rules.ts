import type { BrandRule } from "./mention.schemas.ts";
import { normaliseText } from "./text.ts";

export interface CompiledBrand {
  name: string;
  include: string[];
  exclude: string[];
}

/** Terms as whole words or phrases, matched on normalised text (case, accents and punctuation ignored). */
export const compileBrands = (rules: BrandRule[]): CompiledBrand[] =>
  rules.map((r) => ({
    name: r.name,
    include: [r.name, ...r.include].map(normaliseText).filter((t) => t.trim()),
    exclude: r.exclude.map(normaliseText).filter((t) => t.trim()),
  }));

/** The first brand the text mentions and does not exclude, or null: the mention is not kept. */
export function matchBrand(brands: CompiledBrand[], text: string): string | null {
  const norm = normaliseText(text);
  for (const brand of brands) {
    if (!brand.include.some((t) => norm.includes(t))) continue;
    if (brand.exclude.some((t) => norm.includes(t))) continue;
    return brand.name;
  }
  return null;
}
