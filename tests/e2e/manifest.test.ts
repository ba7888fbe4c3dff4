import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANNER_GLOBS, BANNER_MATCHES } from '../../utils/engine/banner-pages';
import { probeHostPatterns } from '../../utils/engine/probes';

/** The built manifests, as the stores will see them: least privilege, no remote code. */
const CHROME = '.output/chrome-mv3';
const FIREFOX = '.output/firefox-mv2';
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the Chrome manifest', () => {
  const manifest = read(CHROME);

  it('asks for alarms, storage, notifications and exactly the probed hosts, nothing more', () => {
    expect(manifest.manifest_version).toBe(3);
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'notifications', 'storage']);
    expect([...manifest.host_permissions].sort()).toEqual(probeHostPatterns());
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('runs the banner only on the account and sign-in pages', () => {
    expect(manifest.content_scripts).toHaveLength(1);
    const [script] = manifest.content_scripts;
    expect([...script.matches].sort()).toEqual([...BANNER_MATCHES].sort());
    expect([...script.include_globs].sort()).toEqual([...BANNER_GLOBS].sort());
  });

  it('keeps the default strict CSP and loads no remote code', () => {
    const csp = manifest.content_security_policy?.extension_pages;
    if (csp !== undefined) expect(csp).toMatch(/^script-src 'self';/);
    for (const file of files(CHROME).filter((f) => /\.(html|js)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/<script[^>]+src=["']https?:/);
      expect(text, file).not.toMatch(/import\(\s*["']https?:/);
    }
  });

  it('names itself through _locales, in English and French', () => {
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.default_locale).toBe('en');
    for (const lang of ['en', 'fr'])
      expect(JSON.parse(readFileSync(join(CHROME, '_locales', lang, 'messages.json'), 'utf8')).extName).toBeTruthy();
  });

  it('ships every icon size the stores need', () => {
    for (const size of ['16', '32', '48', '128']) expect(manifest.icons[size]).toBe(`icon/${size}.png`);
  });
});

describe('the Firefox manifest', () => {
  const manifest = read(FIREFOX);

  it('has a gecko id, declares that it collects nothing, and asks for no more than Chrome', () => {
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect([...manifest.permissions].sort()).toEqual(
      ['alarms', 'notifications', 'storage', ...probeHostPatterns()].sort(),
    );
  });

  it('passes web-ext lint without errors', () => {
    const report = JSON.parse(
      execFileSync('npx', ['web-ext', 'lint', '--source-dir', FIREFOX, '--output', 'json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    expect(report.errors).toEqual([]);
    // Preact's renderer mentions innerHTML for dangerouslySetInnerHTML, which this code never uses.
    expect(report.warnings.filter((w: { code: string }) => w.code !== 'UNSAFE_VAR_ASSIGNMENT')).toEqual([]);
  });
});
