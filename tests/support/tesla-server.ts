import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A stand-in for Tesla's hosts on loopback, for unit and end-to-end tests alike. Each host can be
 * switched between the answer Tesla gives an anonymous client and the kinds of trouble seen in the wild.
 */
export type HostMode = 'healthy' | 'maintenance' | 'bad-gateway' | 'rate-limited' | 'hang' | 'reset' | 'portal' | 'malformed' | 'huge';

export interface RequestLog {
  host: string;
  path: string;
  headers: IncomingMessage['headers'];
  bytesSent: number;
}

const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>503 Server Maintenance</h1><p>Maintenance in progress.</p></body></html>';
/** Where the account page sends an anonymous visitor: Tesla's sign-in page. */
const SIGN_IN_PAGE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tesla SSO – Sign In</title></head><body><form method="post"><input name="identity"></form></body></html>';
const PORTAL_PAGE = '<!DOCTYPE html><html><head><title>Free Wi-Fi</title></head><body><form>Accept the terms to continue</form></body></html>';

function healthyAnswer(host: string, path: string): { status: number; type: string; body: string; headers?: Record<string, string> } {
  if (path === '/status') return { status: 200, type: 'text/plain', body: 'ok' };
  if (path.endsWith('/.well-known/openid-configuration')) {
    const issuer = `https://${host}/oauth2/v3`;
    return { status: 200, type: 'application/json', body: JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize` }) };
  }
  if (path.startsWith('/api/')) {
    // Fleet API: empty 401; Owner API: a JSON error.
    return host.startsWith('fleet-api') ? { status: 401, type: 'text/plain', body: '' } : { status: 401, type: 'application/json', body: '{"error":"invalid bearer token"}' };
  }
  if (host === 'auth.tesla.com' && path === '/oauth2/v3/authorize') {
    return { status: 200, type: 'text/html; charset=utf-8', body: SIGN_IN_PAGE };
  }
  if (host === 'www.tesla.com' && /teslaaccount/.test(path)) {
    return { status: 302, type: 'text/html', body: '', headers: { location: 'https://auth.tesla.com/oauth2/v3/authorize' } };
  }
  return { status: 404, type: 'text/html', body: '<html><body>Not here</body></html>' };
}

export interface TeslaServer {
  port: number;
  requests: RequestLog[];
  set(host: string | '*', mode: HostMode): void;
  /** Every host healthy again, and the request log emptied. */
  reset(): void;
  /** Serve a page (the banner's account pages) for a path on www.tesla.com. */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

export interface TeslaServerOptions {
  tls?: { key: string; cert: string };
  /** Where the requested host name is read from: Chromium sends Host; Node's fetch cannot set it. */
  hostHeader?: string;
}

export async function startTeslaServer(options: TeslaServerOptions = {}): Promise<TeslaServer> {
  const modes = new Map<string, HostMode>();
  const pages = new Map<string, string>();
  const requests: RequestLog[] = [];
  const sockets = new Set<Socket>();
  const modeOf = (host: string) => modes.get(host) ?? modes.get('*') ?? 'healthy';

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const named = req.headers[options.hostHeader ?? 'host'];
    const host = (typeof named === 'string' ? named : '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0]!;
    const log: RequestLog = { host, path, headers: req.headers, bytesSent: 0 };
    requests.push(log);
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      log.bytesSent = Buffer.byteLength(body);
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const page = pages.get(path);
    if (host === 'www.tesla.com' && page !== undefined) return send(200, 'text/html; charset=utf-8', page);
    switch (modeOf(host)) {
      case 'healthy': {
        const answer = healthyAnswer(host, path);
        return send(answer.status, answer.type, answer.body, answer.headers);
      }
      case 'maintenance':
        return send(503, 'text/html', MAINTENANCE_PAGE);
      case 'bad-gateway':
        return send(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'rate-limited':
        return send(429, 'application/json', '{"error":"rate limited"}', { 'retry-after': '120' });
      case 'portal':
        return send(200, 'text/html', PORTAL_PAGE);
      case 'malformed':
        return send(200, 'application/json', '{"issuer": ');
      case 'huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = '<p>' + 'x'.repeat(64 * 1024) + '</p>';
        let sent = 0;
        const pump = () => {
          while (sent < 3 * 1024 * 1024) {
            sent += chunk.length;
            log.bytesSent = sent;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        return pump();
      }
      case 'reset':
        return req.socket.destroy();
      case 'hang':
        return; // Never answers; the client's timeout must end it.
    }
  };

  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    set: (host, mode) => void modes.set(host, mode),
    reset: () => {
      modes.clear();
      requests.length = 0;
    },
    page: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

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
      const response = await fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, { ...init, headers, redirect: 'manual' });
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
