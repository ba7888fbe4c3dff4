import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The floor of our stack: an extension that does nothing of ours with everything Tesla Status is
 * built on (WXT, webextension-polyfill, Preact, a zod/mini schema, WXT's shadow-root UI). `npm run
 * bench` builds it next to the product and reports each bundle's own code as the difference, and
 * uses its popup (read the same keys, paint one line) as the yardstick of the popup's first render.
 */
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: resolve(__dirname, '../../.output/floor'),
  vite: () => ({ plugins: [preact()], build: { minify: 'terser', terserOptions: { compress: { passes: 2 } } } }),
  manifest: {
    name: 'Stack floor',
    version: '0.0.0',
    permissions: ['storage'],
    action: { default_title: 'Stack floor' },
  },
});
