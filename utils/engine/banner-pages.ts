/**
 * Where the banner runs: Tesla's account and sign-in pages, and nothing else. One list, used by
 * the manifest (matches + include_globs) and by `isBannerPage`, which the tests check URLs against.
 */
export const BANNER_MATCHES = [
  'https://www.tesla.com/*',
  'https://www.tesla.cn/*',
  'https://auth.tesla.com/*',
  'https://auth.tesla.cn/*',
  'https://accounts.tesla.com/*',
  'https://accounts.tesla.cn/*',
];

/** Glob syntax of `include_globs`: `*` any run of characters, `?` exactly one. */
export const BANNER_GLOBS = [
  'https://www.tesla.com/teslaaccount*',
  'https://www.tesla.com/??_??/teslaaccount*',
  'https://www.tesla.cn/teslaaccount*',
  'https://www.tesla.cn/??_??/teslaaccount*',
  'https://auth.tesla.com/*',
  'https://auth.tesla.cn/*',
  'https://accounts.tesla.com/*',
  'https://accounts.tesla.cn/*',
];

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function matchPatternToRegExp(pattern: string): RegExp {
  const [, scheme, host, path] = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  return new RegExp(`^${scheme}://${host!.replace(/\./g, '\\.')}${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

const matchers = BANNER_MATCHES.map(matchPatternToRegExp);
const globs = BANNER_GLOBS.map(globToRegExp);

/** The browser's rule: the URL matches a pattern, and one of the include globs. */
export function isBannerPage(url: string): boolean {
  let normalized: string;
  try {
    const parsed = new URL(url);
    if (parsed.port) return false;
    normalized = `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return false;
  }
  return matchers.some((m) => m.test(normalized)) && globs.some((g) => g.test(normalized));
}
