/**
 * Where the banner runs: Tesla's account and sign-in pages, and nothing else. One list, used by the
 * manifest (matches + include_globs); the tests check URLs against the browser's rule over it.
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
