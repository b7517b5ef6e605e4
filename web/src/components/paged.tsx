import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { formatCount } from '../server.js';

/** DataTable's pageSize for rows already paged by the server: it draws every row read, "Xem thêm" asks the server. */
export const ALL_LOADED = Number.MAX_SAFE_INTEGER;

/** A page as every paged list answers it: how many rows match, and the rows of the page. */
export interface PageAnswer<T> {
  total: number;
  items: T[];
}

export interface PagedList<T, A> {
  /** the rows read so far, in the server's order */
  items: T[];
  /** how many rows match the list's filter */
  total: number;
  /** the last answer, for what it says besides the rows (totals, years…) */
  last: A | undefined;
  error: string;
  busy: boolean;
  more: () => Promise<void>;
  reload: () => Promise<void>;
}

/**
 * A list read from the server a page at a time: `path` is the address with
 * its filters and order (null: not yet), `first` rows on opening, `step` more
 * on "Xem thêm". When the path changes by typing (the search), it asks once the
 * typing pauses. A reload reads again as many rows as were shown.
 */
export function usePaged<T, A = PageAnswer<T>>(
  path: string | null,
  opts: { first: number; step: number; rows?: (a: A) => PageAnswer<T> },
): PagedList<T, A> {
  const toPage = opts.rows ?? ((a: A) => a as unknown as PageAnswer<T>);
  const [state, setState] = useState<{ key: string | null; items: T[]; total: number; last: A | undefined; error: string; busy: boolean }>({
    key: null, items: [], total: 0, last: undefined, error: '', busy: true,
  });
  const shown = useRef(0);
  const [n, setN] = useState(0);
  const read = async (offset: number, count: number) => {
    const items: T[] = [];
    let last: A;
    let page: PageAnswer<T>;
    do {
      last = await get<A>(`${path}${path!.includes('?') ? '&' : '?'}offset=${offset + items.length}&limit=${Math.min(100, count - items.length)}`);
      page = toPage(last);
      items.push(...page.items);
    } while (items.length < count && offset + items.length < page.total && page.items.length > 0);
    return { items, total: page.total, last };
  };
  useEffect(() => {
    if (path === null) return;
    let live = true;
    const same = state.key === path;
    setState((s) => ({ ...s, busy: true, error: '' }));
    const timer = setTimeout(async () => {
      try {
        const got = await read(0, same ? Math.max(opts.first, shown.current) : opts.first);
        if (!live) return;
        shown.current = got.items.length;
        setState({ key: path, ...got, error: '', busy: false });
      } catch (e) {
        if (live) setState((s) => ({ ...s, busy: false, error: (e as Error).message }));
      }
    }, same || state.key === null ? 0 : 250);
    return () => { live = false; clearTimeout(timer); };
  }, [path, n]);
  const more = async () => {
    if (state.busy || path === null) return;
    setState((s) => ({ ...s, busy: true }));
    try {
      const got = await read(state.items.length, opts.step);
      shown.current = state.items.length + got.items.length;
      setState((s) => ({ ...s, ...got, items: [...s.items, ...got.items], busy: false }));
    } catch (e) {
      setState((s) => ({ ...s, busy: false, error: (e as Error).message }));
    }
  };
  const reload = async () => setN((x) => x + 1);
  return { ...state, more, reload };
}

/** "Đang hiện 50 trên 312 đơn vị. [Xem thêm]", while rows remain. */
export function MoreRows(p: { list: PagedList<unknown, unknown>; noun: string; testid: string }) {
  const l = p.list;
  if (l.items.length >= l.total) return null;
  return (
    <p class="more no-print" data-testid={`${p.testid}-more`}>
      <span class="muted" data-testid={`${p.testid}-shown`}>Đang hiện {formatCount(l.items.length)} trên {formatCount(l.total)} {p.noun}.</span>{' '}
      <button type="button" class="sec" data-testid={`${p.testid}-show-more`} disabled={l.busy} aria-busy={l.busy ? 'true' : undefined} onClick={() => void l.more()}>
        Xem thêm
      </button>
    </p>
  );
}

/** A search box for a paged list: the server searches, whatever the accents. */
export function SearchBox(p: { id: string; label: string; value: string; placeholder?: string; testid: string; onInput: (v: string) => void }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <input id={p.id} type="search" data-testid={p.testid} value={p.value} placeholder={p.placeholder} maxLength={200}
        onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)} />
    </div>
  );
}
