import * as z from 'zod/mini';

/**
 * The floor counts what zod/mini costs for the types any stored state is made of, each used once:
 * JSON's own (an object, a number, a boolean, a string, a list, null) and an enum, with a bound
 * checked by `z.refine`. What we build from them (the fields, their bounds, how they are salvaged,
 * optional fields and literals) counts as our code. With only a number and a boolean, the floor
 * left zod's list, enum and string types on our side of the ledger, where no change of ours could
 * remove them.
 */
export const storedSchema = z.object({
  checkedAt: z.nullable(z.number().check(z.refine((n) => n >= 0))),
  online: z.boolean(),
  level: z.enum(['up', 'down']),
  notes: z.array(z.string()),
});
