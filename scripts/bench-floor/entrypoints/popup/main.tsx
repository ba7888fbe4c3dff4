import { render } from 'preact';
import { browser } from 'wxt/browser';
import { storedSchema } from '../../schema';

/** Reads the keys the product's popup reads, validates them, paints one line. */
async function main() {
  const stored = await browser.storage.local.get(['snapshot', 'settings']);
  const parsed = storedSchema.safeParse(stored.snapshot);
  render(<p>{parsed.success ? 'ok' : 'none'}</p>, document.getElementById('app')!);
  performance.mark('status-rendered');
}

void main();
