import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, get, patch, post, upload } from '../api.js';
import { DeadlinePreview } from '../components/deadline.js';
import { FileField } from '../components/file-field.js';
import { DateField, FieldErrors, Form, SelectField, Submit, TextArea, TextField, dateValue, useForm, vnFromIso } from '../components/form.js';
import { Alert, DataTable, Loading, Pill, useData } from '../components/ui.js';
import { nameOf, officialsOf, phuLucName, plansList, vnDate } from '../data.js';
import {
  DUE_STATE_LABELS, PLAN_STATUS_LABELS, formatFileSize, REMINDER_STATE_LABELS, TASK_STATE_LABELS, dueStateOn, planPath, reminderKindLabel,
  auditFieldLabel, taskActionLabel, taskStateOn, todayLocal, type TaskState,
} from '../server.js';
import { may, refreshUnread } from '../session.js';
import type { EvidenceFile, Official, PlanSummary, ScheduledReminder as Reminder, Task, TaskHistoryEntry as LogEntry, TaskNote as Note } from '../types.js';

const dateTime = (iso: string) => {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d);
  const v = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${v('hour')}:${v('minute')} ${v('day')}/${v('month')}/${v('year')}`;
};

/** One task: every field, its due dates, and what the signed-in person may do to it. */
export function TaskPage(p: { id: number | null }) {
  const id = p.id!;
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const data = useData(async () => {
    const [task, plans] = await Promise.all([get<Task>(`/tasks/${id}`), plansList()]);
    const plan = plans.find((x) => x.id === task.planId)!;
    const officials = plan ? await officialsOf(plan.unitId) : [];
    return { task, plan, officials };
  }, [id, version]);
  if (data.error) return <Alert>{data.error}</Alert>;
  if (!data.data) return <Loading />;
  const { task, plan, officials } = data.data;
  return <TaskBody key={`${task.id}-${task.version}`} task={task} plan={plan} officials={officials} reload={reload} />;
}

function Section(p: { title: string; children: ComponentChildren; testid?: string; class?: string }) {
  const hid = `s-${p.title.replace(/\W+/g, '')}-${p.testid ?? ''}`;
  return <section class={`card ${p.class ?? ''}`} aria-labelledby={hid} data-testid={p.testid}><h2 id={hid}>{p.title}</h2>{p.children}</section>;
}

function TaskBody(p: { task: Task; plan: PlanSummary | undefined; officials: Official[]; reload: () => void }) {
  const { task, officials } = p;
  const today = todayLocal();
  const state = taskStateOn(task, today);
  const open = task.dueDates.filter((d) => !d.completedOn);
  const done = task.dueDates.filter((d) => d.completedOn);
  const canWrite = may('tasks.write') && p.plan?.status !== 'closed';
  const canComplete = may('tasks.complete', task) && p.plan?.status !== 'closed';
  const canNote = may('tasks.note', task);
  return (
    <>
      <nav class="crumbs no-print" aria-label="Vị trí">
        {p.plan ? <a href={planPath(p.plan.id)}>{p.plan.number} – {p.plan.title}</a> : null} › {phuLucName(task.phuLuc)}
      </nav>
      <section class="card task-head" aria-labelledby="task-title" data-testid="task" data-task-id={task.id} data-status={state}>
        <div class="spread">
          <h1 id="task-title">{phuLucName(task.phuLuc)}, nhiệm vụ TT {task.ordinal}</h1>
          <Pill kind={state} testid="task-status">{TASK_STATE_LABELS[state]}</Pill>
        </div>
        <p class="pre content" data-testid="task-content">{task.content}</p>
        <dl class="facts">
          <dt>Sản phẩm</dt><dd class="pre">{task.products.length ? task.products.join('\n') : '—'}</dd>
          <dt>Cơ quan chủ trì (theo kế hoạch)</dt><dd class="pre">{task.leadText || '—'}</dd>
          <dt>Cơ quan phối hợp (theo kế hoạch)</dt><dd class="pre">{task.coordinatorsText || '—'}</dd>
          <dt>Thời gian hoàn thành (theo kế hoạch)</dt>
          <dd class="pre">{task.deadlineText || '—'} {task.schedule.needsReview ? <span class="badge" data-testid="needs-review">Cần xem lại</span> : null}
            {task.schedule.notes.length ? <div class="muted">{task.schedule.notes.join(' ')}</div> : null}</dd>
          <dt>Người chủ trì</dt><dd data-testid="task-assignee">{nameOf(officials, task.assigneeId)}</dd>
          <dt>Cán bộ phối hợp</dt><dd>{task.coordinatorIds.length ? task.coordinatorIds.map((i) => nameOf(officials, i)).join(', ') : '—'}</dd>
          {p.plan ? <><dt>Kế hoạch</dt><dd>{p.plan.number} ({PLAN_STATUS_LABELS[p.plan.status]})</dd></> : null}
        </dl>
        <h2>Các hạn hoàn thành</h2>
        <DataTable rows={task.dueDates} rowKey={(d) => `${d.dueOn}-${d.label}`} testid="due-dates" empty="Nhiệm vụ chưa có hạn cụ thể." caption="Các hạn" columns={[
          { label: 'Hạn', cell: (d) => <><b>{d.dueOn ? vnDate(d.dueOn) : 'Chưa có ngày'}</b>{d.label ? <span class="muted"> · {d.label}</span> : null}</> },
          { label: 'Tình trạng', cell: (d) => { const s = dueStateOn(d, today); return <Pill kind={s} testid="due-state">{DUE_STATE_LABELS[s]}</Pill>; } },
          { label: 'Ngày hoàn thành', cell: (d) => vnDate(d.completedOn) || '—' },
          { label: 'Minh chứng', cell: (d) => <span class="pre">{d.evidence || '—'}</span> },
        ]} />
      </section>
      {canComplete && task.status === 'open' && open.length ? <CompleteForm task={task} reload={p.reload} /> : null}
      {canWrite ? <AssignForm task={task} officials={officials} reload={p.reload} /> : null}
      {canWrite ? <DeadlineForm task={task} year={p.plan?.year ?? Number(today.slice(0, 4))} reload={p.reload} /> : null}
      {canComplete && done.length ? <ReopenForm task={task} reload={p.reload} /> : null}
      {canWrite && task.status !== 'cancelled' ? <CancelForm task={task} reload={p.reload} /> : null}
      <Evidence task={task} canAttach={canComplete} />
      <Notes task={task} canNote={canNote} />
      <Log task={task} officials={officials} />
      <Reminders task={task} />
    </>
  );
}

function CompleteForm(p: { task: Task; reload: () => void }) {
  const open = p.task.dueDates.filter((d) => !d.completedOn);
  const f = useForm({ dueOn: open[0]?.dueOn ?? '', completedOn: vnFromIso(todayLocal()), evidence: '' });
  return (
    <Section title="Báo cáo hoàn thành" testid="complete">
      <Form form={f} class="form" testid="complete-form" label="Báo cáo hoàn thành" onSubmit={async (v) => {
        const completedOn = dateValue('completedOn', v.completedOn, { label: 'ngày hoàn thành' });
        await post(`/tasks/${p.task.id}/complete`, { completedOn, evidence: v.evidence.trim(), ...(v.dueOn ? { dueOn: v.dueOn } : {}), version: p.task.version });
        void refreshUnread();
        p.reload();
      }}>
        {open.length > 1 ? (
          <SelectField form={f} name="dueOn" label="Hạn được hoàn thành" testid="complete-due"
            options={open.map((d) => ({ value: d.dueOn ?? '', label: (d.dueOn ? vnDate(d.dueOn) : 'Chưa có ngày') + (d.label ? ` (${d.label})` : '') }))} />
        ) : null}
        <DateField form={f} name="completedOn" label="Ngày hoàn thành" testid="complete-date" />
        <TextArea form={f} name="evidence" label="Minh chứng (số, ngày văn bản; kết quả)" testid="complete-evidence" maxLength={2000} rows={2} />
        <div class="actions"><Submit form={f} testid="complete-submit">Hoàn thành</Submit></div>
      </Form>
    </Section>
  );
}

function AssignForm(p: { task: Task; officials: Official[]; reload: () => void }) {
  const active = p.officials.filter((o) => o.active);
  const f = useForm({ assigneeId: p.task.assigneeId ? String(p.task.assigneeId) : '' });
  const [coord, setCoord] = useState<number[]>(p.task.coordinatorIds);
  return (
    <Section title={p.task.assigneeId ? 'Giao lại, cán bộ phối hợp' : 'Giao nhiệm vụ'} testid="assign">
      <Form form={f} class="form" testid="assign-form" label="Giao nhiệm vụ" onSubmit={async (v) => {
        if (!v.assigneeId) throw new FieldErrors({ assigneeId: 'Hãy chọn cán bộ chủ trì.' });
        await patch(`/tasks/${p.task.id}`, { assigneeId: Number(v.assigneeId), coordinatorIds: coord.filter((c) => c !== Number(v.assigneeId)), version: p.task.version });
        p.reload();
      }}>
        <SelectField form={f} name="assigneeId" label="Người chủ trì" testid="assign-select"
          options={[{ value: '', label: '– Chọn cán bộ –' }, ...active.map((o) => ({ value: String(o.id), label: `${o.fullName} – ${o.position}` }))]} />
        <fieldset class="checks">
          <legend>Cán bộ phối hợp</legend>
          {active.map((o) => (
            <label key={o.id} class="check">
              <input type="checkbox" checked={coord.includes(o.id)} data-testid="coordinator"
                onChange={(e) => setCoord((c) => ((e.currentTarget as HTMLInputElement).checked ? [...c, o.id] : c.filter((x) => x !== o.id)))} />
              {o.fullName} <span class="muted">– {o.position}</span>
            </label>
          ))}
        </fieldset>
        <div class="actions"><Submit form={f} testid="assign-button">Lưu phân công</Submit></div>
      </Form>
    </Section>
  );
}

function DeadlineForm(p: { task: Task; year: number; reload: () => void }) {
  const f = useForm({ deadlineText: p.task.deadlineText });
  return (
    <Section title={p.task.schedule.needsReview ? 'Sửa thời hạn (cần xem lại)' : 'Sửa thời hạn'} testid="deadline">
      <Form form={f} class="form" testid="deadline-form" label="Sửa thời hạn" onSubmit={async (v) => {
        await patch(`/tasks/${p.task.id}`, { deadlineText: v.deadlineText.trim(), version: p.task.version });
        p.reload();
      }}>
        <TextArea form={f} name="deadlineText" label="Thời gian hoàn thành" testid="deadline-text" hint="Ví dụ: Trước ngày 30/6/2023; Hằng quý; Tháng 12/2023." maxLength={2000} rows={2} />
        <DeadlinePreview text={f.values.deadlineText} year={p.year} />
        <div class="actions"><Submit form={f} testid="deadline-submit">Lưu thời hạn</Submit></div>
      </Form>
    </Section>
  );
}

function ReopenForm(p: { task: Task; reload: () => void }) {
  const done = p.task.dueDates.filter((d) => d.completedOn);
  const f = useForm({ dueOn: done[done.length - 1]?.dueOn ?? '', reason: '' });
  return (
    <Section title="Mở lại" testid="reopen" class="no-print">
      <Form form={f} class="form" testid="reopen-form" label="Mở lại" onSubmit={async (v) => {
        if (!v.reason.trim()) throw new FieldErrors({ reason: 'Hãy ghi lý do mở lại.' });
        await post(`/tasks/${p.task.id}/reopen`, { reason: v.reason.trim(), ...(v.dueOn ? { dueOn: v.dueOn } : {}), version: p.task.version });
        p.reload();
      }}>
        {done.length > 1 ? <SelectField form={f} name="dueOn" label="Hạn được mở lại" options={done.map((d) => ({ value: d.dueOn ?? '', label: vnDate(d.dueOn) || 'Chưa có ngày' }))} /> : null}
        <TextArea form={f} name="reason" label="Lý do mở lại" testid="reopen-reason" maxLength={2000} rows={2} />
        <div class="actions"><Submit form={f} class="sec" testid="reopen-submit">Mở lại</Submit></div>
      </Form>
    </Section>
  );
}

function CancelForm(p: { task: Task; reload: () => void }) {
  const f = useForm({ reason: '' });
  return (
    <Section title="Hủy nhiệm vụ" testid="cancel" class="no-print">
      <Form form={f} class="form" testid="cancel-form" label="Hủy nhiệm vụ" onSubmit={async (v) => {
        if (!v.reason.trim()) throw new FieldErrors({ reason: 'Hãy ghi lý do hủy nhiệm vụ.' });
        await post(`/tasks/${p.task.id}/cancel`, { reason: v.reason.trim(), version: p.task.version });
        p.reload();
      }}>
        <TextArea form={f} name="reason" label="Lý do hủy" testid="cancel-reason" maxLength={2000} rows={2} />
        <div class="actions"><Submit form={f} class="danger" testid="cancel-submit">Hủy nhiệm vụ</Submit></div>
      </Form>
    </Section>
  );
}

/**
 * The files that prove the task was done (tài liệu kiểm chứng): listed and
 * downloaded by whoever reads the task; attached and removed by whoever may
 * complete it. The server checks each file's type from its content.
 */
function Evidence(p: { task: Task; canAttach: boolean }) {
  const [n, setN] = useState(0);
  const files = useData(() => get<EvidenceFile[]>(`/tasks/${p.task.id}/evidence`), [p.task.id, n]);
  const f = useForm({ dueOn: '' });
  const [removing, setRemoving] = useState<number | null>(null);
  const [chosen, setChosen] = useState('');
  const [removeError, setRemoveError] = useState('');
  const fileInput = `${f.idPrefix}-file`;
  const dated = p.task.dueDates.filter((d) => d.dueOn);
  return (
    <Section title="Tài liệu kiểm chứng" testid="evidence">
      {files.error ? <Alert>{files.error}</Alert> : !files.data ? <Loading /> : files.data.length ? (
        <ul class="entries" data-testid="evidence-list">
          {files.data.map((x) => (
            <li key={x.id} data-testid="evidence-item" class="spread">
              <span>
                <a href={`/api/tasks/${p.task.id}/evidence/${x.id}`} download={x.name} data-testid="evidence-link">{x.name}</a>
                <span class="muted"> · {formatFileSize(x.size)}{x.dueOn ? ` · hạn ${vnDate(x.dueOn)}` : ''} · {x.uploadedBy}, {dateTime(String(x.createdAt))}</span>
              </span>
              {p.canAttach ? (
                <button type="button" class="sec small no-print" disabled={removing === x.id} data-testid="evidence-remove"
                  aria-label={`Gỡ tệp ${x.name}`}
                  onClick={async () => {
                    if (removing !== null || !window.confirm(`Gỡ tệp "${x.name}" khỏi nhiệm vụ?`)) return;
                    setRemoving(x.id);
                    setRemoveError('');
                    try {
                      await api('DELETE', `/tasks/${p.task.id}/evidence/${x.id}`);
                      setN((k) => k + 1);
                    } catch (e) {
                      setRemoveError(e instanceof Error ? e.message : 'Không gỡ được tệp, hãy thử lại.');
                    } finally {
                      setRemoving(null);
                    }
                  }}>Gỡ</button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : <p class="muted" data-testid="evidence-empty">Chưa có tệp nào.</p>}
      {removeError ? <Alert testid="evidence-remove-error">{removeError}</Alert> : null}
      {p.canAttach ? (
        <Form form={f} class="form no-print" testid="evidence-form" label="Đính kèm tài liệu kiểm chứng" onSubmit={async (v) => {
          const input = document.getElementById(fileInput) as HTMLInputElement | null;
          const file = input?.files?.[0];
          if (!file) throw new FieldErrors({ file: 'Hãy chọn một tệp (PDF, ảnh, Word hoặc Excel).' });
          const form = new FormData();
          form.append('file', file, file.name);
          if (v.dueOn) form.append('dueOn', v.dueOn);
          await upload(`/tasks/${p.task.id}/evidence`, form);
          if (input) input.value = '';
          setChosen('');
          setN((k) => k + 1);
          return `Đã đính kèm tệp "${file.name}".`;
        }}>
          <FileField form={f} label="Tệp (PDF, ảnh, Word, Excel)" name="file" chosen={chosen} onChoose={(x) => setChosen(x?.name ?? '')}
            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.heic,.doc,.docx,.xls,.xlsx,application/pdf,image/*" testid="evidence-file" chosenTestid="evidence-chosen" />
          {dated.length > 1 ? (
            <SelectField form={f} name="dueOn" label="Cho lần thực hiện" testid="evidence-due"
              options={[{ value: '', label: 'Cả nhiệm vụ' }, ...dated.map((d) => ({ value: d.dueOn!, label: `Hạn ${vnDate(d.dueOn)}` }))]} />
          ) : null}
          <div class="actions"><Submit form={f} class="sec" testid="evidence-submit">Đính kèm</Submit></div>
        </Form>
      ) : null}
    </Section>
  );
}

function Notes(p: { task: Task; canNote: boolean }) {
  const [n, setN] = useState(0);
  const notes = useData(() => get<Note[]>(`/tasks/${p.task.id}/notes`), [p.task.id, n]);
  const f = useForm({ text: '' });
  return (
    <Section title="Ghi chú tiến độ" testid="notes">
      {notes.error ? <Alert>{notes.error}</Alert> : !notes.data ? <Loading /> : notes.data.length ? (
        <ol class="entries" data-testid="note-list">
          {notes.data.map((x) => <li key={x.id}><span class="muted">{dateTime(x.createdAt)} · {x.authorName}</span><div class="pre">{x.text}</div></li>)}
        </ol>
      ) : <p class="muted">Chưa có ghi chú nào.</p>}
      {p.canNote ? (
        <Form form={f} class="form no-print" testid="note-form" label="Thêm ghi chú" onSubmit={async (v) => {
          if (!v.text.trim()) throw new FieldErrors({ text: 'Hãy viết nội dung ghi chú.' });
          await post(`/tasks/${p.task.id}/notes`, { text: v.text.trim() });
          f.reset({ text: '' });
          setN((x) => x + 1);
          return 'Đã lưu ghi chú.';
        }}>
          <TextArea form={f} name="text" label="Ghi chú mới" testid="note-text" maxLength={5000} rows={2} />
          <div class="actions"><Submit form={f} class="sec" testid="note-submit">Lưu ghi chú</Submit></div>
        </Form>
      ) : null}
    </Section>
  );
}

function show(field: string, v: unknown, officials: Official[]): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'assigneeId' && typeof v === 'number') return nameOf(officials, v);
  if (field === 'coordinatorIds' && Array.isArray(v)) return v.map((x) => nameOf(officials, Number(x))).join(', ') || '—';
  // a task's stored status words are those of its states (src/tasks/task-state.ts)
  if (field === 'status' && typeof v === 'string') return TASK_STATE_LABELS[v as TaskState] ?? '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return vnDate(v);
  if (Array.isArray(v)) return v.map((x) => show(field, x, officials)).join('; ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // an evidence file added or removed: its name and size
    if (typeof o.name === 'string' && typeof o.size === 'number') return `tệp "${o.name}" (${formatFileSize(o.size)})${o.dueOn ? `, hạn ${vnDate(String(o.dueOn))}` : ''}`;
    if ('dueOn' in o || 'completedOn' in o) return [o.dueOn ? `hạn ${vnDate(String(o.dueOn))}` : '', o.completedOn ? `xong ${vnDate(String(o.completedOn))}` : ''].filter(Boolean).join(', ') || '—';
    return '…';
  }
  return String(v);
}

/** Log entries a page asks for at a time, newest first. */
const LOG_PAGE = 50;

function Log(p: { task: Task; officials: Official[] }) {
  const [older, setOlder] = useState<{ rows: LogEntry[]; end: boolean }>({ rows: [], end: false });
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState('');
  const log = useData(async () => {
    const rows = await get<LogEntry[]>(`/tasks/${p.task.id}/history?limit=${LOG_PAGE}`);
    setOlder({ rows: [], end: rows.length < LOG_PAGE });
    return rows;
  }, [p.task.id, p.task.version]);
  // newest first: each page comes oldest first from the server
  const shown = log.data ? [...log.data].reverse().concat(older.rows) : [];
  const more = async () => {
    setBusy(true);
    try {
      const rows = await get<LogEntry[]>(`/tasks/${p.task.id}/history?limit=${LOG_PAGE}&beforeId=${shown[shown.length - 1].id}`);
      setOlder({ rows: [...older.rows, ...rows.reverse()], end: rows.length < LOG_PAGE });
    } catch (e) {
      setMoreError(e instanceof Error ? e.message : 'Đã có lỗi, hãy thử lại.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Nhật ký nhiệm vụ" testid="log">
      {log.error ? <Alert>{log.error}</Alert> : !log.data ? <Loading /> : (
        <>
        <ol class="entries" data-testid="log-entries">
          {shown.map((e) => (
            <li key={e.id} data-testid="log-entry" data-action={e.action}>
              <b>{taskActionLabel(e.action)}</b> <span class="muted">{dateTime(e.at)} · {e.actorName}</span>
              {e.changes ? <ul class="changes">{Object.entries(e.changes).map(([k, c]) => (
                <li key={k}>{auditFieldLabel(k)}: {c.from === null || c.from === undefined ? '' : <><s>{show(k, c.from, p.officials)}</s> → </>}{show(k, c.to, p.officials)}</li>
              ))}</ul> : null}
              {e.note ? <div class="pre">{e.note}</div> : null}
            </li>
          ))}
        </ol>
        {moreError ? <Alert>{moreError}</Alert> : null}
        {shown.length && !older.end ? (
          <p class="more"><button type="button" class="sec" data-testid="log-more" disabled={busy} aria-busy={busy ? 'true' : undefined} onClick={() => void more()}>Xem nhật ký cũ hơn</button></p>
        ) : null}
        </>
      )}
    </Section>
  );
}

function Reminders(p: { task: Task }) {
  const r = useData(() => get<Reminder[]>(`/tasks/${p.task.id}/reminders`), [p.task.id, p.task.version]);
  return (
    <Section title="Nhắc việc đã lên lịch" testid="reminders" class="no-print">
      {r.error ? <Alert>{r.error}</Alert> : !r.data ? <Loading /> : (
        <DataTable rows={r.data} rowKey={(x) => x.jobId} empty="Không có nhắc việc nào đang chờ gửi." caption="Nhắc việc" columns={[
          { label: 'Hạn', cell: (x) => vnDate(x.dueOn) },
          { label: 'Loại', cell: (x) => reminderKindLabel(x.kind) },
          { label: 'Gửi lúc', cell: (x) => dateTime(x.fireAt) },
          { label: 'Tình trạng', cell: (x) => REMINDER_STATE_LABELS[x.state] ?? 'Đã lên lịch' },
        ]} />
      )}
    </Section>
  );
}
