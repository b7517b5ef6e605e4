import { useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { DateField, Form, Submit, TextField, dateValue, useForm, vnFromIso } from '../components/form.js';
import { Alert, Loading, Pill, useData } from '../components/ui.js';
import { phuLucName, vnDate } from '../data.js';
import { TASK_STATE_LABELS, formatCount, nextDue, taskPath, taskStateOn, todayLocal } from '../server.js';
import { may, useSession } from '../session.js';
import type { OfficialTaskPage as MyPage, Task } from '../types.js';

/** Tasks the list asks for at a time: an official with a long list gets the most urgent first. */
const PAGE = 50;

/** An official's own open tasks, most urgent first (the server orders them), each completed from the list. */
export function MyTasks() {
  const { me } = useSession();
  const [n, setN] = useState(0);
  const [extra, setExtra] = useState<Task[]>([]);
  const [moreError, setMoreError] = useState('');
  const [busy, setBusy] = useState(false);
  const today = todayLocal();
  // after a completion, the list is read again as far as it was shown
  const shown = useRef(PAGE);
  const data = useData(async () => {
    const page = await get<MyPage>(`/officials/${me!.officialId}/tasks?status=open&limit=${Math.min(100, shown.current)}`);
    setExtra([]);
    return page;
  }, [me?.officialId, n]);
  const [done, setDone] = useState('');
  if (!me || me.officialId === null) return <section class="card"><h1>Việc của tôi</h1><p>Tài khoản này không gắn với cán bộ nào nên không có việc được giao.</p></section>;
  if (data.error) return <Alert>{data.error}</Alert>;
  if (!data.data) return <Loading />;
  const page = data.data;
  const tasks = [...page.items, ...extra];
  const more = async () => {
    setBusy(true);
    setMoreError('');
    try {
      const next = await get<MyPage>(`/officials/${me.officialId}/tasks?status=open&offset=${tasks.length}&limit=${PAGE}`);
      setExtra([...extra, ...next.items]);
      shown.current = tasks.length + next.items.length;
    } catch (e) {
      setMoreError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="my-title" data-testid="my-tasks">
      <h1 id="my-title">Việc của tôi</h1>
      <p data-testid="my-summary">{page.total ? `${formatCount(page.total)} nhiệm vụ đang thực hiện${page.overdue ? `, trong đó ${formatCount(page.overdue)} quá hạn` : ''}.` : 'Không có nhiệm vụ nào đang chờ bạn.'}</p>
      {done ? <div class="msg ok" role="status" data-testid="notice">{done}</div> : null}
      <ol class="tasklist">
        {tasks.map((t) => <MyTask key={`${t.id}-${t.version}`} task={t} today={today} onDone={(msg) => { setDone(msg); setN((x) => x + 1); }} />)}
      </ol>
      {moreError ? <Alert>{moreError}</Alert> : null}
      {tasks.length < page.total ? (
        <p class="more"><span class="muted" data-testid="my-shown">Đang hiện {formatCount(tasks.length)} trên {formatCount(page.total)} nhiệm vụ.</span>{' '}
          <button type="button" class="sec" data-testid="my-show-more" disabled={busy} aria-busy={busy ? 'true' : undefined} onClick={() => void more()}>Xem thêm</button></p>
      ) : null}
    </section>
  );
}

function MyTask(p: { task: Task; today: string; onDone: (msg: string) => void }) {
  const t = p.task;
  const state = taskStateOn(t, p.today);
  const next = nextDue(t);
  const [open, setOpen] = useState(false);
  const f = useForm({ completedOn: vnFromIso(p.today), evidence: '' });
  return (
    <li class={`taskcard s-${state}-edge`} data-testid="task-row" data-task-id={t.id} data-status={state}>
      <div class="spread">
        <a href={taskPath(t.id)} class="tc-title">{phuLucName(t.phuLuc)}, TT {t.ordinal}</a>
        <Pill kind={state} testid="task-status">{TASK_STATE_LABELS[state]}</Pill>
      </div>
      <p class="pre">{t.content}</p>
      <p class="muted">{next ? <>Hạn gần nhất: <b data-testid="next-due">{vnDate(next)}</b></> : 'Chưa có hạn cụ thể'}{t.schedule.needsReview ? <> <span class="badge">Cần xem lại</span></> : null}</p>
      {may('tasks.complete', t) ? (
        open ? (
          <Form form={f} class="form inline" testid="complete-form" label={`Hoàn thành ${phuLucName(t.phuLuc)}, TT ${t.ordinal}`} onSubmit={async (v) => {
            const completedOn = dateValue('completedOn', v.completedOn, { label: 'ngày hoàn thành' });
            await post(`/tasks/${t.id}/complete`, { completedOn, evidence: v.evidence.trim(), version: t.version });
            p.onDone(`Đã ghi nhận hoàn thành ${phuLucName(t.phuLuc)}, TT ${t.ordinal}${next ? ` (hạn ${vnDate(next)})` : ''}.`);
          }}>
            <DateField form={f} name="completedOn" label="Ngày hoàn thành" testid="complete-date" />
            <TextField form={f} name="evidence" label="Minh chứng" testid="complete-evidence" input={{ maxLength: 2000 }} />
            <div class="actions field"><Submit form={f} testid="complete-submit">Xác nhận hoàn thành</Submit>
              <button type="button" class="sec" onClick={() => setOpen(false)}>Thôi</button></div>
          </Form>
        ) : <button type="button" data-testid="complete-open" onClick={() => setOpen(true)}>Hoàn thành{next ? ` hạn ${vnDate(next)}` : ''}</button>
      ) : null}
    </li>
  );
}
