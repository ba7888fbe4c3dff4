import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { probeHostPatterns } from './utils/engine/probes';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    build: {
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      rollupOptions: {
        onLog(level, log, handler) {
          // zod places /* @__PURE__ */ where Rollup cannot use it and drops the comment: harmless, not ours.
          if (log.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(log.id ?? '')) return;
          handler(level, log);
        },
      },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['alarms', 'storage', 'notifications'],
    // Exactly the probed hosts: derived from the probe catalogue, so nothing else can be asked for.
    host_permissions: probeHostPatterns(),
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'tesla-status@tesla-status.github.io',
          strict_min_version: '140.0',
          // Nothing about the user is collected or sent anywhere.
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  zip: {
    // Reviewers rebuild from these sources; tests, CI and keys are not part of the build.
    excludeSources: ['tests/**', '.ci/**', '**/*.pem', '**/*.key', 'vitest.config.ts'],
  },
});
