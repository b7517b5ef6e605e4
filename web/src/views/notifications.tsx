import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { Alert, Loading, useData } from '../components/ui.js';
import { vnDate } from '../data.js';
import { navigate } from '../router.js';
import { formatCount, taskPath } from '../server.js';
import { refreshUnread } from '../session.js';
import type { Notice } from '../types.js';

/** The in-app notifications: newest first, unread marked; reading one opens its task. */
export function Notifications() {
  const [n, setN] = useState(0);
  const data = useData(() => get<Notice[]>('/notifications?limit=100'), [n]);
  const [error, setError] = useState('');
  if (data.error) return <Alert>{data.error}</Alert>;
  if (!data.data) return <Loading />;
  const list = data.data;
  const unread = list.filter((x) => !x.readAt).length;
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
      <p>{list.length ? `${formatCount(list.length)} thông báo, ${formatCount(unread)} chưa đọc.` : 'Chưa có thông báo nào.'}</p>
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
    </section>
  );
}
