import { BANNER_GLOBS, BANNER_MATCHES } from '../../utils/engine/banner-pages';

/**
 * The browser's rule for where the banner's content script runs, over the manifest's lists: tests
 * only (the browser applies the manifest itself, so the extension never ships this).
 */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function matchPatternToRegExp(pattern: string): RegExp {
  const [, scheme, host, path] = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  return new RegExp(
    `^${scheme}://${host!.replace(/\./g, '\\.')}${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
  );
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
