import { describe, expect, it } from 'vitest';
import { parseRequest, readReply } from '../../utils/engine/protocol';
import { samples } from '../support/snapshots';

describe('messages to the worker', () => {
  it('knows exactly its three requests', () => {
    for (const type of ['checkNow', 'refreshIfDue', 'resetHistory'] as const)
      expect(parseRequest({ type })).toEqual({ type });
  });

  it.each([
    ['junk', 'checkNow'],
    ['null', null],
    ['an array', [{ type: 'checkNow' }]],
    ['an unknown type', { type: 'rm -rf' }],
    ['a prototype key', { type: 'toString' }],
    ['an extra field', { type: 'checkNow', at: 1 }],
    ['a type that is not a string', { type: ['checkNow'] }],
  ])('refuses %s', (_name, raw) => expect(parseRequest(raw)).toBeNull());

  it('reads a reply: the snapshot through its schema, an error as such, anything else as malformed', () => {
    const snapshot = samples.outage();
    expect(readReply({ ok: true, snapshot })).toEqual({ snapshot });
    expect(readReply({ ok: true, snapshot: null })).toEqual({ snapshot: null });
    expect(readReply({ ok: false, error: 'not allowed' })).toEqual({ error: 'not allowed' });
    for (const raw of [undefined, 'ok', { ok: true }, { ok: false }, { ok: 'yes', snapshot }])
      expect(readReply(raw)).toEqual({ error: 'malformed reply' });
  });
});
