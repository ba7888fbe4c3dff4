import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../support/i18n';

const SOURCE_DIRS = ['entrypoints', 'components', 'utils'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const code = SOURCE_DIRS.flatMap(sources)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const en = Object.keys(catalogs.en);
const fr = Object.keys(catalogs.fr);

describe('locales', () => {
  it('English and French have the same keys', () => {
    expect(fr.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !fr.includes(key))).toEqual([]);
  });

  it('every message is used by the code, the manifest or a computed family of keys', () => {
    // Keys built from data (feature labels, reasons, levels) appear in the code as string literals too.
    const manifest = readFileSync('wxt.config.ts', 'utf8');
    const unused = en.filter((key) => !code.includes(`'${key}'`) && !manifest.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });

  it('every key the code names exists', () => {
    const named = [...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(20);
    expect([...new Set(named)].filter((key) => !en.includes(key))).toEqual([]);
  });

  it('substitutions match between languages', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\$(\d)/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const mismatched = en.filter(
      (key) =>
        placeholders((catalogs.en as Record<string, { message: string }>)[key]!.message) !==
        placeholders((catalogs.fr as Record<string, { message: string }>)[key]!.message),
    );
    expect(mismatched).toEqual([]);
  });

  it('no message contains a lone $ that browser.i18n would misread', () => {
    for (const catalog of [catalogs.en, catalogs.fr]) {
      for (const [key, { message }] of Object.entries(catalog))
        expect(message.replace(/\$\d/g, ''), key).not.toContain('$');
    }
  });
});

describe('every locale shipped in public/_locales', () => {
  const dir = 'public/_locales';
  const read = (locale: string) =>
    JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  const english = read('en');
  const placeholders = (text: string) =>
    [...text.matchAll(/\$(\d)/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
  const locales = readdirSync(dir).filter((name) => name !== 'en');

  it('includes at least French', () => {
    expect(locales).toContain('fr');
  });

  it.each(locales)('%s has the same keys as en, the same placeholders, and no empty message', (locale) => {
    const catalog = read(locale);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    const wrong = Object.entries(english).filter(
      ([key, { message }]) => placeholders(message) !== placeholders(catalog[key]?.message ?? ''),
    );
    expect(wrong.map(([key]) => key)).toEqual([]);
    expect(
      Object.entries(catalog)
        .filter(([, { message }]) => message.trim() === '')
        .map(([key]) => key),
    ).toEqual([]);
  });
});
