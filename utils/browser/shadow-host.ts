/**
 * The banner's place in a page it does not own: a host element with a shadow root holding our
 * style and one container for Preact. WXT's `createShadowRootUi` does this and more (anchors that
 * come and go, overlays, styles fetched from the extension) for about 3 KB gzip on every account
 * page; the banner needs only this. The root is open so that end-to-end tests can reach the button
 * the way a person does; the page's own scripts are kept out by `isTrusted`, not by the root.
 */
export interface ShadowHost {
  host: HTMLElement;
  container: HTMLElement;
  /** Whether the host is in the page. */
  readonly mounted: boolean;
  mount(): void;
  remove(): void;
}

export function createShadowHost(tagName: string, css: string): ShadowHost {
  const host = document.createElement(tagName);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  // Nothing inherited from the page (its fonts, colours, `all: unset` on everything) reaches in.
  style.textContent = `:host{all:initial !important}\n${css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  return {
    host,
    container,
    get mounted() {
      return host.isConnected;
    },
    mount: () => document.body.append(host),
    remove: () => host.remove(),
  };
}
