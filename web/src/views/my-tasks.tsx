import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { DateField, Form, Submit, TextField, dateValue, useForm, vnFromIso } from '../components/form.js';
import { Alert, Loading, Pill, useData } from '../components/ui.js';
import { phuLucName, vnDate } from '../data.js';
import { TASK_STATE_LABELS, formatCount, nextDue, taskPath, taskStateOn, todayLocal } from '../server.js';
import { may, useSession } from '../session.js';
import type { Task } from '../types.js';

/** Overdue first, then by the next due date; tasks with no date last. */
export function byUrgency(tasks: Task[], day: string): Task[] {
  const rank = (t: Task) => (taskStateOn(t, day) === 'overdue' ? 0 : 1);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || (nextDue(a) ?? '9999').localeCompare(nextDue(b) ?? '9999') || a.id - b.id);
}

/** An official's own open tasks, most urgent first, each completed from the list. */
export function MyTasks() {
  const { me } = useSession();
  const [n, setN] = useState(0);
  const today = todayLocal();
  const data = useData(() => get<Task[]>(`/tasks?assigneeId=${me!.officialId}&status=open`), [me?.officialId, n]);
  const [done, setDone] = useState('');
  if (!me || me.officialId === null) return <section class="card"><h1>Việc của tôi</h1><p>Tài khoản này không gắn với cán bộ nào nên không có việc được giao.</p></section>;
  if (data.error) return <Alert>{data.error}</Alert>;
  if (!data.data) return <Loading />;
  const tasks = byUrgency(data.data, today);
  const overdue = tasks.filter((t) => taskStateOn(t, today) === 'overdue').length;
  return (
    <section class="card" aria-labelledby="my-title" data-testid="my-tasks">
      <h1 id="my-title">Việc của tôi</h1>
      <p data-testid="my-summary">{tasks.length ? `${formatCount(tasks.length)} nhiệm vụ đang thực hiện${overdue ? `, trong đó ${formatCount(overdue)} quá hạn` : ''}.` : 'Không có nhiệm vụ nào đang chờ bạn.'}</p>
      {done ? <div class="msg ok" role="status" data-testid="notice">{done}</div> : null}
      <ol class="tasklist">
        {tasks.map((t) => <MyTask key={`${t.id}-${t.version}`} task={t} today={today} onDone={(msg) => { setDone(msg); setN((x) => x + 1); }} />)}
      </ol>
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
