import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { healthyAnswer, troubleAnswer, type Answer, type Trouble } from './tesla-answers';

/**
 * A stand-in for Tesla's hosts on loopback, for unit and end-to-end tests alike. Each host can be
 * switched between the answer Tesla gives an anonymous client and the kinds of trouble seen in the
 * wild: both are the real answers of tests/fixtures/tesla-answers (tesla-answers.ts).
 */
export type HostMode = 'healthy' | Trouble | 'hang' | 'reset' | 'portal' | 'malformed' | 'huge';

export interface RequestLog {
  host: string;
  path: string;
  headers: IncomingMessage['headers'];
  bytesSent: number;
}

const PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Free Wi-Fi</title></head><body><form>Accept the terms to continue</form></body></html>';

export interface TeslaServer {
  port: number;
  /**
   * A proxy in front of it, for browsers that cannot map host names to a port (Firefox): every
   * HTTPS tunnel (CONNECT) goes to this server, whatever host it names; plain HTTP gets a 404.
   * Null unless asked for.
   */
  proxyPort: number | null;
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
  /** Also start the proxy (see `TeslaServer.proxyPort`). */
  proxy?: boolean;
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
      res.writeHead(status, { ...(type && { 'content-type': type }), 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const sendAnswer = (answer: Answer) => {
      const { 'content-type': type = '', ...headers } = answer.headers;
      return send(answer.status, type, answer.body, headers);
    };
    const page = pages.get(path);
    // A page is Tesla's website answering: a host set to fail fails for its pages too.
    if (host === 'www.tesla.com' && page !== undefined && modeOf(host) === 'healthy')
      return send(200, 'text/html; charset=utf-8', page);
    const mode = modeOf(host);
    switch (mode) {
      case 'healthy':
        return sendAnswer(healthyAnswer(host, path));
      case 'portal':
        return send(200, 'text/html', PORTAL_PAGE);
      case 'malformed':
        return send(200, 'application/json', '{"issuer": ');
      case 'huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
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
      default:
        return sendAnswer(troubleAnswer(mode));
    }
  };

  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  let proxy: Server | null = null;
  if (options.proxy) {
    proxy = createHttpServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    proxy.on('connect', (_req: IncomingMessage, client: Socket, head: Buffer) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      const close = () => {
        upstream.destroy();
        client.destroy();
      };
      upstream.on('error', close);
      client.on('error', close);
    });
    proxy.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  }

  return {
    port,
    proxyPort: proxy ? (proxy.address() as AddressInfo).port : null,
    requests,
    set: (host, mode) => void modes.set(host, mode),
    reset: () => {
      modes.clear();
      requests.length = 0;
    },
    page: (path, html) => void pages.set(path, html),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (proxy) await new Promise<void>((resolve) => proxy!.close(() => resolve()));
    },
  };
}

export { loopbackFetch } from '../../scripts/lib/loopback-fetch';
