// A tiny hash router: routes look like "#/patients" or "#/reset-password?token=…".
import { useSyncExternalStore } from 'react';

export interface Route {
  path: string;
  query: URLSearchParams;
}

let lastHash = '';
let lastRoute: Route = { path: '/', query: new URLSearchParams() };

function readRoute(): Route {
  const hash = window.location.hash;
  // Anchors that are not routes (e.g. "#main-content") keep the current route.
  if (hash && !hash.startsWith('#/')) return lastRoute;
  if (hash === lastHash) return lastRoute;
  lastHash = hash;
  const raw = hash.slice(1) || '/';
  const [path = '/', search = ''] = raw.split('?');
  lastRoute = { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(search) };
  return lastRoute;
}

function subscribe(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, readRoute);
}

export function navigate(path: string, options: { replace?: boolean } = {}) {
  const target = `#${path}`;
  if (options.replace) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

export function href(path: string): string {
  return `#${path}`;
}
