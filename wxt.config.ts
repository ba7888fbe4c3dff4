import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { probeHostPatterns } from './utils/probes';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['alarms', 'storage', 'notifications'],
    // Exactly the probed hosts: derived from the probe catalogue, so nothing else can be asked for.
    host_permissions: probeHostPatterns(),
    action: { default_title: '__MSG_extName__' },
    browser_specific_settings: {
      gecko: {
        id: 'tesla-status@tesla-status.github.io',
        strict_min_version: '115.0',
      },
    },
  },
});
