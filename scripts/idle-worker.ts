import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, chromiumArgs, testCertificate } from '../tests/e2e/harness';
import { startTeslaServer } from '../tests/support/tesla-server';

/**
 * Does Chromium stop the extension's worker once it is idle? Playwright cannot tell: an attached
 * DevTools session keeps a worker alive. So this launches Chromium itself and only *watches* the
 * targets over the DevTools protocol, without attaching to any.
 * Returns the seconds from the worker's start to its stop, or null if it was still running at the deadline.
 */
export async function secondsUntilIdleStop(deadlineMs = 90_000): Promise<number | null> {
  const server = await startTeslaServer({ tls: await testCertificate() });
  const dir = mkdtempSync(join(tmpdir(), 'tesla-status-idle-'));
  const browser = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--remote-debugging-port=0',
      `--user-data-dir=${dir}`,
      ...chromiumArgs(server.port),
      'about:blank',
    ],
    {
      stdio: 'ignore',
      env: { ...process.env, TZ: 'UTC' },
      // Its own process group, so that its helper processes are stopped with it.
      detached: true,
    },
  );
  try {
    const portFile = join(dir, 'DevToolsActivePort');
    const until = Date.now() + 20_000;
    while (!existsSync(portFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return await new Promise<number | null>((resolve) => {
      const workers = new Map<string, number>();
      const timer = setTimeout(() => resolve(null), deadlineMs);
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as {
          method?: string;
          params?: { targetInfo?: { targetId: string; type: string; url: string }; targetId?: string };
        };
        const info = message.params?.targetInfo;
        if (
          message.method === 'Target.targetCreated' &&
          info?.type === 'service_worker' &&
          info.url.startsWith('chrome-extension://')
        ) {
          workers.set(info.targetId, Date.now());
        }
        if (message.method === 'Target.targetDestroyed' && workers.has(message.params!.targetId!)) {
          clearTimeout(timer);
          resolve((Date.now() - workers.get(message.params!.targetId!)!) / 1000);
        }
      });
      ws.send(JSON.stringify({ id: 1, method: 'Target.setDiscoverTargets', params: { discover: true } }));
    }).finally(() => ws.close());
  } finally {
    const exited = new Promise((resolve) => browser.once('exit', resolve));
    process.kill(-browser.pid!, 'SIGKILL');
    await exited;
    await server.close();
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      // A helper still writing its last file: a leftover temporary folder is no reason to fail.
    }
  }
}
