import { parseSettings, type Settings } from '../settings';
import type { PollEvidence } from './log';
import { encodeLog, parseLog, type StoredLog } from './stored-log';

/**
 * "Report a wrong status": the evidence log and the settings, as one JSON file an owner can attach
 * to an issue, and that `npm run replay` tells again poll by poll. It holds what the extension
 * asked Tesla and what Tesla answered, the region and the settings: no visited page, no account,
 * no address, nothing the extension does not itself store.
 */
export const REPORT_KIND = 'tesla-status-report';

export interface Report {
  kind: typeof REPORT_KIND;
  version: 1;
  /** The extension's version that made it. */
  extension: string;
  madeAt: number;
  settings: Settings;
  evidence: StoredLog;
}

export function makeReport(
  log: readonly PollEvidence[],
  settings: Settings,
  madeAt: number,
  extension: string,
): Report {
  return { kind: REPORT_KIND, version: 1, extension, madeAt, settings, evidence: encodeLog(log) };
}

/** A report read back, every field validated; null when it is not one of ours. */
export function readReport(raw: unknown): { settings: Settings; log: PollEvidence[]; madeAt: number | null } | null {
  if (typeof raw !== 'object' || raw === null || (raw as { kind?: unknown }).kind !== REPORT_KIND) return null;
  const { settings, evidence, madeAt } = raw as Record<string, unknown>;
  return {
    settings: parseSettings(settings),
    log: parseLog(evidence),
    madeAt: typeof madeAt === 'number' && Number.isFinite(madeAt) ? madeAt : null,
  };
}

/** The file's name: the time it was made, in UTC, so that two reports sort and never collide. */
export function reportFileName(madeAt: number): string {
  return `tesla-status-report-${new Date(madeAt).toISOString().replace(/[:.]/g, '-')}.json`;
}
