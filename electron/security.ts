// The security defaults every window and web contents gets: isolation, sandbox, no navigation,
// no new windows, no permissions, and the same CSP the renderer's HTML declares; which pages count
// as ours; and what the environment may change in a packaged app (nothing).

import type { App, Session, WebPreferences } from 'electron';

/**
 * The policy renderer/index.html declares in its <meta> tag. No 'unsafe-inline' for styles: the
 * built renderer has none — Vite emits the components' scoped CSS as one file, and Svelte 5 sets
 * `style:` directives through the CSSOM (`element.style.setProperty`, `style.cssText`), which CSP
 * does not govern; there are no transitions (which would add <style> elements). Vite's dev server
 * does inject <style> elements, so only there the policy allows them (DEV_STYLE_SOURCE).
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The header adds frame-ancestors, which browsers ignore (with a warning) in a <meta> tag. */
export const CONTENT_SECURITY_POLICY = `${PAGE_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** `npm run dev` only: Vite's dev server puts each module's CSS in a <style> element. */
export const DEV_STYLE_SOURCE = "style-src 'self' 'unsafe-inline'";

export function devPolicy(policy: string): string {
  return policy.replace("style-src 'self'", DEV_STYLE_SOURCE);
}

/**
 * Which URLs are our page: the built renderer's exact file URL, or — unpackaged, under `npm run
 * dev` — any page of the dev server's exact origin (scheme, host and port; a prefix test would let
 * `http://localhost:5173.example.com` through when the URL was given without its final slash).
 */
export function pageUrlCheck(rendererUrl: string, devServer?: string): (url: string) => boolean {
  if (devServer === undefined) return (url) => url === rendererUrl;
  const origin = originOf(devServer);
  return (url) => origin !== undefined && originOf(url) === origin;
}

function originOf(url: string): string | undefined {
  try {
    const { origin, protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The user-data folder the environment asks for (AIRLOCK_USER_DATA: a lab or portable copy, the
 * desktop smoke test). Ignored in a packaged app, where anyone who can set a variable for the
 * process would otherwise choose which workspaces and keys it opens.
 */
export function userDataOverride(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  return isPackaged ? undefined : env.AIRLOCK_USER_DATA || undefined;
}

/** The only webPreferences a BrowserWindow of ours is created with. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** Denies navigation, new windows, webviews and every permission request, for all contents. */
export function hardenApp(
  app: App,
  session: Session,
  isAllowedUrl: (url: string) => boolean,
  policy = CONTENT_SECURITY_POLICY,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
      },
    });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
