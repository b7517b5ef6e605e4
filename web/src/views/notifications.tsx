import { useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { Alert, Loading, useData } from '../components/ui.js';
import { vnDate } from '../data.js';
import { navigate } from '../router.js';
import { formatCount, taskPath } from '../server.js';
import { refreshUnread, useSession } from '../session.js';
import type { Notice } from '../types.js';

/** Notifications a page asks for at a time. */
const PAGE = 50;

/** The in-app notifications: newest first, unread marked; reading one opens its task. */
export function Notifications() {
  const [n, setN] = useState(0);
  // newest first, a page at a time; after a change, read again as far as was shown
  const shown = useRef(PAGE);
  const [older, setOlder] = useState<{ rows: Notice[]; end: boolean }>({ rows: [], end: false });
  const [busy, setBusy] = useState(false);
  const data = useData(async () => {
    const rows = await get<Notice[]>(`/notifications?limit=${Math.min(500, shown.current)}`);
    setOlder({ rows: [], end: rows.length < shown.current });
    return rows;
  }, [n]);
  const [error, setError] = useState('');
  const { unread } = useSession();
  if (data.error) return <Alert>{data.error}</Alert>;
  if (!data.data) return <Loading />;
  const list = [...data.data, ...older.rows];
  const more = async () => {
    setBusy(true);
    try {
      const rows = await get<Notice[]>(`/notifications?limit=${PAGE}&beforeId=${list[list.length - 1].id}`);
      setOlder({ rows: [...older.rows, ...rows], end: rows.length < PAGE });
      shown.current = list.length + rows.length;
    } catch (e) {
      setError(e instanceof Error ? e.message : '');
    } finally {
      setBusy(false);
    }
  };
  const read = async (x: Notice, open: boolean) => {
    try {
      if (!x.readAt) await post(`/notifications/${x.id}/read`);
      void refreshUnread();
      if (open && x.taskId !== null) navigate(taskPath(x.taskId));
      else setN((k) => k + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : '');
    }
  };
  return (
    <section class="card" aria-labelledby="nt-title" data-testid="notifications">
      <h1 id="nt-title">Thông báo</h1>
      <p data-testid="notifications-summary">{list.length ? `${formatCount(unread)} thông báo chưa đọc.` : 'Chưa có thông báo nào.'}</p>
      {error ? <Alert>{error}</Alert> : null}
      <ol class="notices">
        {list.map((x) => (
          <li key={x.id} class={x.readAt ? 'read' : 'unread'} data-testid="notification" data-read={x.readAt ? 'true' : 'false'}>
            <div class="spread"><b>{x.title}</b>{x.readAt ? <span class="muted">Đã đọc</span> : <span class="pill s-open">Chưa đọc</span>}</div>
            <p class="pre">{x.body}</p>
            {x.dueOn ? <p class="muted">Hạn: {vnDate(x.dueOn)}</p> : null}
            <div class="actions">
              {x.taskId !== null ? <button type="button" data-testid="notification-open" onClick={() => read(x, true)}>Mở nhiệm vụ</button> : null}
              {!x.readAt ? <button type="button" class="sec" data-testid="notification-read" onClick={() => read(x, false)}>Đánh dấu đã đọc</button> : null}
            </div>
          </li>
        ))}
      </ol>
      {list.length && !older.end ? (
        <p class="more"><span class="muted">Đang hiện {formatCount(list.length)} thông báo mới nhất.</span>{' '}
          <button type="button" class="sec" data-testid="notifications-more" disabled={busy} aria-busy={busy ? 'true' : undefined} onClick={() => void more()}>Xem thông báo cũ hơn</button></p>
      ) : null}
    </section>
  );
}
