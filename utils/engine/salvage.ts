import * as z from 'zod/mini';

/**
 * Reading what storage holds, field by field: whatever is valid is kept, whatever is not falls back.
 * One corrupt field (another version, a manual edit, a half-written value) costs only itself.
 */
export function field<T>(schema: z.ZodMiniType<T>, value: unknown, fallback: T): T {
  const result = schema.safeParse(value);
  return result.success ? result.data : fallback;
}

/** Keeps every valid element of a list: one corrupt incident must not cost the whole history. */
export function validItems<T>(schema: z.ZodMiniType<T>, value: unknown): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const result = schema.safeParse(item);
    return result.success ? [result.data] : [];
  });
}

/**
 * Adds to `target` each of these optional fields of `input` that reads on its own: what a record
 * standing on its core keeps of the rest, one bad field costing only itself.
 */
export function keepValidFields<T extends object>(
  target: T,
  input: Record<string, unknown>,
  schemas: { [K in keyof T]?: z.ZodMiniType<T[K]> },
): T {
  for (const name of Object.keys(schemas) as (keyof T & string)[]) {
    const parsed = schemas[name]?.safeParse(input[name]);
    if (parsed?.success && parsed.data !== undefined) target[name] = parsed.data;
  }
  return target;
}

/** An object to read fields from; anything else reads as empty. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Bounds are plain predicates through `z.refine`: zod's built-in checks (`int`, `minimum`, `regex`,
 * `maxLength`…) each bring their own machinery, about 1.3 KB gzip in every bundle that reads the
 * snapshot, for what one line of JavaScript says.
 */
export const between = (min: number, max = Infinity) => z.number().check(z.refine((n) => n >= min && n <= max));
export const whole = (min: number, max = Infinity) =>
  z.number().check(z.refine((n) => Number.isInteger(n) && n >= min && n <= max));
export const shortString = (max: number) => z.string().check(z.refine((text) => text.length <= max));
export const matching = (pattern: RegExp) => z.string().check(z.refine((text) => pattern.test(text)));
