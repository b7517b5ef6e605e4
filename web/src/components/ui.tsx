import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, onBusy } from '../api.js';
import { formatCount } from '../server.js';

/** A thin bar at the top of the page while any request is under way; "Đang tải…" for screen readers. */
export function BusyBar() {
  const [n, setN] = useState(0);
  useEffect(() => onBusy(setN), []);
  return (
    <div class={`busybar${n > 0 ? ' on' : ''}`} role="status" aria-live="polite" data-testid="busy">
      {n > 0 ? <span class="sr">Đang tải…</span> : null}
    </div>
  );
}

export function Loading(p: { what?: string }) {
  return <p class="loading" role="status"><span class="spin" aria-hidden="true" /> {p.what ?? 'Đang tải…'}</p>;
}

export function Alert(p: { children: ComponentChildren; testid?: string }) {
  return <div class="msg alert" role="alert" data-testid={p.testid ?? 'alert'}>{p.children}</div>;
}

export function Notice(p: { children: ComponentChildren; testid?: string }) {
  return <div class="msg ok" role="status" data-testid={p.testid ?? 'notice'}>{p.children}</div>;
}

/** Loads data for a view: the data, the error in Vietnamese, and a way to load again. */
export function useData<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: string; reload: () => Promise<void> } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState('');
  const run = async () => {
    try {
      setError('');
      setData(await load());
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : 'Đã có lỗi, hãy thử lại.');
    }
  };
  // what was shown stays until the new answer comes (the bar at the top says it is loading): no flash, no jump
  useEffect(() => {
    void run();
  }, deps);
  return { data, error, reload: run };
}

export interface Column<R> {
  label: string;
  cell: (row: R) => ComponentChildren;
  class?: string;
  /** hidden label (e.g. the actions column) */
  srOnly?: boolean;
}

/**
 * A table that becomes a stack of cards on a narrow screen (CSS, under
 * 600 px: each cell shows its column's name). Over `pageSize` rows it shows
 * the first page and a "Xem thêm" button; with `printAll` the other rows are
 * drawn too, hidden on the screen and printed (paper has no "Xem thêm").
 */
export function DataTable<R>(p: {
  rows: R[];
  columns: Column<R>[];
  rowKey: (row: R) => string | number;
  rowProps?: (row: R) => Record<string, unknown>;
  caption?: string;
  empty?: string;
  pageSize?: number;
  printAll?: boolean;
  testid?: string;
}) {
  const size = p.pageSize ?? 100;
  const [shown, setShown] = useState(size);
  if (!p.rows.length) return <p class="muted" data-testid={p.testid ? `${p.testid}-empty` : undefined}>{p.empty ?? 'Không có dòng nào.'}</p>;
  const rows = p.printAll ? p.rows : p.rows.slice(0, shown);
  return (
    <div class="dt-wrap">
      <table class="dt" data-testid={p.testid}>
        {p.caption ? <caption class="sr">{p.caption}</caption> : null}
        <thead>
          <tr>{p.columns.map((c) => <th key={c.label} scope="col" class={c.class}>{c.srOnly ? <span class="sr">{c.label}</span> : c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const props = p.rowProps?.(r) ?? {};
            const cls = [props.class, i >= shown ? 'print-only' : null].filter(Boolean).join(' ') || undefined;
            return (
              <tr key={p.rowKey(r)} {...props} class={cls}>
                {p.columns.map((c) => <td key={c.label} class={c.class} data-label={c.srOnly ? undefined : c.label}>{c.cell(r)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
      {p.rows.length > shown ? (
        <p class="more no-print">
          <span class="muted">Đang hiện {formatCount(shown)} trên {formatCount(p.rows.length)} dòng.</span>{' '}
          <button type="button" class="sec" data-testid="show-more" onClick={() => setShown(shown + size)}>Xem thêm</button>
        </p>
      ) : null}
    </div>
  );
}

export function Pill(p: { kind: string; children: ComponentChildren; testid?: string }) {
  return <span class={`pill s-${p.kind}`} data-testid={p.testid}>{p.children}</span>;
}
