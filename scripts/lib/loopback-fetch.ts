/**
 * A fetch for Node that sends Tesla's URLs to the local server: the requested host travels in
 * `x-forwarded-host` (Node's fetch will not let a caller set Host), and redirects are followed hop
 * by hop, each to loopback too, so that nothing ever leaves 127.0.0.1. The answer reports its final
 * URL and whether it was redirected, as a browser's does.
 */
export function loopbackFetch(port: number) {
  return async (input: string, init: RequestInit): Promise<Response> => {
    let url = new URL(input);
    for (let hop = 0; hop <= 5; hop++) {
      const headers = { ...Object.fromEntries(new Headers(init.headers)), 'x-forwarded-host': url.host };
      const response = await fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
        ...init,
        headers,
        redirect: 'manual',
      });
      const location = response.headers.get('location');
      if (init.redirect === 'follow' && response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      Object.defineProperty(response, 'url', { value: url.href });
      Object.defineProperty(response, 'redirected', { value: hop > 0 });
      return response;
    }
    throw new TypeError('too many redirects');
  };
}
