import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers, as the folders show them:
 * - `utils/engine/`: the status logic, pure and typed (probe catalogue, classification, tracker,
 *   scheduler, views). It imports nothing of the browser and nothing of WXT's runtime: it runs in Node.
 * - `utils/browser/`: the glue to the extension APIs (storage, the action, i18n, the worker service).
 * - `components/`: Preact components over the engine's views; they touch no browser API either.
 * - `entrypoints/`: thin wiring of browser events to the functions above.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

const pure = [...sources('utils/engine'), ...sources('components')];

describe('the layers', () => {
  it('has an engine and a browser layer, and nothing else in utils', () => {
    expect(readdirSync('utils').sort()).toEqual(['browser', 'engine']);
    expect(sources('utils/engine').length).toBeGreaterThan(10);
  });

  it.each(pure)('%s imports no browser API, no WXT runtime and nothing of utils/browser', (file) => {
    const bad = imports(file).filter((spec) =>
      /^wxt(\/|$)|webextension-polyfill|(^|\/)browser\/|^@\/utils\/browser/.test(spec),
    );
    expect(bad).toEqual([]);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(text).not.toMatch(/\b(browser|chrome)\.(runtime|storage|alarms|action|notifications|i18n|tabs)\b/);
  });

  it('keeps the engine out of the components: no component reaches into the tracker for arithmetic', () => {
    for (const file of sources('components'))
      expect(
        imports(file).filter((spec) => /outage-tracker/.test(spec)),
        file,
      ).toEqual([]);
  });
});
