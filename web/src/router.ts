import { useEffect, useState } from 'preact/hooks';
import { taskPath } from './server.js';

/**
 * The History-API router: every view has its own address, so back, forward,
 * bookmarks and the links in reminder mails work. Same-origin links are
 * followed without reloading the page.
 */
export interface Route {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function current(): Route {
  return { path: location.pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  history[opts.replace ? 'replaceState' : 'pushState'](null, '', to);
  window.scrollTo(0, 0);
  listeners.forEach((f) => f());
}

/** Changes the query of the current address (filters, dates) without a new history entry per keystroke. */
export function setQuery(values: Record<string, string | null | undefined>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
  listeners.forEach((f) => f());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** Old reminder mails link to "/#task-<id>": rewrite them to the task's own address. */
export function upgradeOldLink(): void {
  const m = /^#task-(\d{1,12})$/.exec(location.hash);
  if (m) history.replaceState(null, '', taskPath(Number(m[1])));
}

/** Follows same-origin links inside the app through the router. */
export function interceptLinks(): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest?.('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (a.pathname.startsWith('/api/') || a.pathname.startsWith('/admin/')) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
}
