import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};
const ours = manifest.engines.node;
// The oldest release of each Node line we say we support: if a dependency refuses it, we say too much.
const oldestSupported = ours.split('||').map((range) => semver.minVersion(range.trim())?.version ?? 'none');

describe('the Node requirements we state', () => {
  it('start at a release of each supported line', () => {
    expect(oldestSupported).toEqual(['20.19.0', '22.13.0', '24.0.0']);
  });

  it.each(oldestSupported)('are what every locked package accepts, on Node %s', (node) => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.optional)
      .flatMap(([path, entry]) => {
        const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return wanted && !semver.satisfies(node, wanted) ? [`${path} wants ${wanted}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('are the ones the README gives', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`Node ${ours.replaceAll(' || ', ', ')}`);
  });
});
