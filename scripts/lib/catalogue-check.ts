import { classifyResponse, type Classification, type ProbeOutcome } from '../../utils/engine/classify-response';
import type { Probe } from '../../utils/engine/probes';
import { observeProbe, type Fetch } from '../../utils/engine/run-probe';

/**
 * The live check of the probe catalogue, for a maintainer on a machine with internet: each probe of
 * the production catalogue asked once, as the extension asks it (no credentials, the same timeouts),
 * and its answer compared with the healthy answer the catalogue expects.
 */
export type Verdict =
  /** The answer the catalogue expects of a healthy Tesla. */
  | 'ok'
  /** Tesla's, but it says nothing about the catalogue (a CDN bot wall against this machine, a slow answer). */
  | 'warn'
  /** Not the expected healthy shape: Tesla changed something, or is in trouble right now. */
  | 'flag';

export interface CatalogueRow {
  probe: Probe;
  outcome: ProbeOutcome;
  classification: Classification;
  verdict: Verdict;
}

export function verdictOf(classification: Classification): Verdict {
  if (classification.healthyShape && !classification.slow) return 'ok';
  if (classification.cause === 'cdn-wall' || classification.slow) return 'warn';
  return 'flag';
}

export async function checkCatalogue(
  probes: readonly Probe[],
  fetchFn: Fetch,
  now: () => number = Date.now,
): Promise<CatalogueRow[]> {
  // One request per probe, one after the other: gentle with Tesla's hosts, and latencies that do not
  // compete with each other.
  const rows: CatalogueRow[] = [];
  for (const probe of probes) {
    const outcome = await observeProbe(probe, fetchFn);
    const classification = classifyResponse(probe, outcome, now());
    rows.push({ probe, outcome, classification, verdict: verdictOf(classification) });
  }
  return rows;
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The table a maintainer reads: one block per probe, flagged ones marked. */
export function formatRows(rows: readonly CatalogueRow[]): string {
  const mark = { ok: 'ok  ', warn: 'WARN', flag: 'FLAG' } as const;
  return rows
    .map(({ probe, outcome, classification, verdict }) => {
      const head = `${mark[verdict]} ${probe.id.padEnd(13)} ${probe.url}`;
      const judged = `     → ${classification.state} (${classification.reason.key}${classification.reason.values ? ` ${classification.reason.values.join(' ')}` : ''}), ${classification.latencyMs} ms`;
      if (outcome.kind === 'error')
        return `${head}\n     ${outcome.error === 'timeout' ? 'timed out' : 'network error (DNS, refused, TLS)'}\n${judged}`;
      const headers = [
        `content-type: ${outcome.contentType || '—'}`,
        outcome.retryAfter !== null ? `retry-after: ${outcome.retryAfter}` : '',
        outcome.server ? `server: ${outcome.server}` : '',
        outcome.finalHost ? `final host: ${outcome.finalHost}` : '',
      ].filter(Boolean);
      return `${head}\n     HTTP ${outcome.status} · ${headers.join(' · ')}\n     body: ${JSON.stringify(oneLine(outcome.bodyStart, 120))}\n${judged}`;
    })
    .join('\n');
}

export function summary(rows: readonly CatalogueRow[]): { flagged: string[]; warned: string[] } {
  return {
    flagged: rows.filter((row) => row.verdict === 'flag').map((row) => row.probe.id),
    warned: rows.filter((row) => row.verdict === 'warn').map((row) => row.probe.id),
  };
}
