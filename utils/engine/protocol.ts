import * as z from 'zod/mini';
import { parseSnapshot, type Snapshot } from './snapshot';

/**
 * Messages to the worker: one schema for what may be asked and what comes back.
 * - `checkNow`: a person asked; poll at once (shared with a poll already running).
 * - `refreshIfDue`: a UI opened; heal the schedule, poll if one is overdue, and send what is stored.
 * - `resetHistory`: forget past incidents and the timeline.
 */
export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('checkNow') }),
  z.object({ type: z.literal('refreshIfDue') }),
  z.object({ type: z.literal('resetHistory') }),
]);
export type WorkerRequest = z.infer<typeof requestSchema>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), snapshot: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type Reply = z.infer<typeof replySchema>;

/** What a UI gets back: the snapshot, validated like any stored one, or why it failed. */
export type WorkerAnswer = { snapshot: Snapshot | null } | { error: string };

export function readReply(raw: unknown): WorkerAnswer {
  const reply = replySchema.safeParse(raw);
  if (!reply.success) return { error: 'malformed reply' };
  return reply.data.ok ? { snapshot: parseSnapshot(reply.data.snapshot) } : { error: reply.data.error };
}
