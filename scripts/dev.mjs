#!/usr/bin/env node
// `npm run dev` opens a browser with the extension (WXT's runner). Without a display that browser
// cannot start, and WXT dies with a bare `read ECONNRESET`: say what to do instead.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) {
  const firefox = args.includes('firefox');
  console.error(
    `No display for a browser here: run \`npm run build${firefox ? ':firefox' : ''}\` and load ` +
      `${firefox ? '.output/firefox-mv2/manifest.json' : '.output/chrome-mv3'} as an unpacked extension (README, "Install it").`,
  );
  process.exit(1);
}
const result = spawnSync('wxt', args, { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
