import { parseSnapshot, type Snapshot } from './snapshot';

/**
 * Messages to the worker, and what comes back.
 * - `checkNow`: a person asked; poll at once (shared with a poll already running).
 * - `refreshIfDue`: a UI opened; heal the schedule, poll if one is overdue, and send what is stored.
 * - `resetHistory`: forget past incidents and the timeline.
 * The shapes are tiny and closed, so they are checked by hand: a schema library's unions would cost
 * every bundle more than the checks themselves. What matters inside, the snapshot, goes through its
 * schema like a stored one.
 */
const REQUEST_TYPES = ['checkNow', 'refreshIfDue', 'resetHistory'] as const;
export type WorkerRequest = { type: (typeof REQUEST_TYPES)[number] };

export type Reply = { ok: true; snapshot: unknown } | { ok: false; error: string };

/** What a UI gets back: the snapshot, validated like any stored one, or why it failed. */
export type WorkerAnswer = { snapshot: Snapshot | null } | { error: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A request the worker knows, or null: anything else (another extension's message, junk) is refused. */
export function parseRequest(raw: unknown): WorkerRequest | null {
  if (!isRecord(raw) || Object.keys(raw).length !== 1) return null;
  const type = raw.type;
  return REQUEST_TYPES.find((known) => known === type) ? { type: type as WorkerRequest['type'] } : null;
}

export function readReply(raw: unknown): WorkerAnswer {
  if (isRecord(raw) && raw.ok === true && 'snapshot' in raw) return { snapshot: parseSnapshot(raw.snapshot) };
  if (isRecord(raw) && raw.ok === false && typeof raw.error === 'string') return { error: raw.error };
  return { error: 'malformed reply' };
}
