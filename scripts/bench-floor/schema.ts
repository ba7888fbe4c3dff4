import * as z from 'zod/mini';

/** A schema of the size the product's smallest reader needs: the floor counts zod/mini's core. */
export const storedSchema = z.object({ checkedAt: z.nullable(z.number()), online: z.boolean() });
