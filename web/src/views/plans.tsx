import { useEffect, useRef, useState } from 'preact/hooks';
import { api, get, patch, post } from '../api.js';
import { DeadlinePreview } from '../components/deadline.js';
import { DateField, FieldErrors, Form, SelectField, Submit, TextArea, TextField, dateValue, useForm, vnFromIso } from '../components/form.js';
import { Alert, DataTable, Loading, Pill, useData } from '../components/ui.js';
import { nameOf, officialsOf, phuLucName, plansList, vnDate } from '../data.js';
import { navigate, setQuery, useRoute } from '../router.js';
import {
  PLAN_STATUS_LABELS, TASK_STATE_LABELS, VIEW_PATHS, formatCount, planPath, taskPath, taskStateOn, todayLocal, type TaskState,
} from '../server.js';
import { may, useSession } from '../session.js';
import type { Official, Plan, PlanTaskPage as TaskPage, Task } from '../types.js';

/** /ke-hoach: the plans one can see, and a new plan; /ke-hoach/<id>: one plan. */
export function Plans(p: { id: number | null }) {
  return p.id === null ? <PlanList /> : <PlanPage id={p.id} />;
}

function PlanList() {
  const { me } = useSession();
  const plans = useData(plansList, []);
  const year = Number(todayLocal().slice(0, 4));
  const f = useForm({ number: '', title: `Kế hoạch cải cách hành chính năm ${year}`, year: String(year), decision: '', issuedOn: '' });
  return (
    <>
      <section class="card" aria-labelledby="pl-title" data-testid="plans">
        <h1 id="pl-title">Kế hoạch</h1>
        {plans.error ? <Alert>{plans.error}</Alert> : !plans.data ? <Loading /> : (
          <DataTable rows={plans.data} rowKey={(x) => x.id} testid="plan-list" empty="Chưa có kế hoạch nào." caption="Các kế hoạch" columns={[
            { label: 'Số', cell: (x) => <a href={planPath(x.id)} data-testid="plan-link">{x.number}</a> },
            { label: 'Tên kế hoạch', cell: (x) => x.title },
            { label: 'Năm', cell: (x) => x.year },
            { label: 'Trạng thái', cell: (x) => <Pill kind={x.status}>{PLAN_STATUS_LABELS[x.status]}</Pill> },
          ]} />
        )}
        {may('plans.import') ? <p class="no-print"><a href={VIEW_PATHS.importPlan} class="btn sec" data-testid="import-link">Nhập kế hoạch từ tệp</a></p> : null}
      </section>
      {may('plans.write') && me?.unitId ? (
        <section class="card" aria-labelledby="np-title" data-testid="plan-create">
          <h2 id="np-title">Tạo kế hoạch mới</h2>
          <Form form={f} class="form" testid="plan-create-form" label="Tạo kế hoạch mới" onSubmit={async (v) => {
            const issuedOn = dateValue('issuedOn', v.issuedOn, { optional: true });
            const yearN = Number(v.year);
            if (!Number.isInteger(yearN) || yearN < 2000 || yearN > 2100) throw new FieldErrors({ year: 'Năm phải là số từ 2000 đến 2100.' });
            const missing: Record<string, string> = {};
            if (!v.number.trim()) missing.number = 'Hãy nhập số kế hoạch, ví dụ 08/KH-UBND.';
            if (!v.title.trim()) missing.title = 'Hãy nhập tên kế hoạch.';
            if (Object.keys(missing).length) throw new FieldErrors(missing);
            const plan = await post<Plan>('/plans', {
              unitId: me.unitId, number: v.number.trim(), title: v.title.trim(), year: yearN,
              decision: v.decision.trim() || null, issuedOn, status: 'draft',
            });
            navigate(planPath(plan.id));
          }}>
            <PlanFields form={f} withYear />
            <div class="actions"><Submit form={f} testid="plan-create-submit">Tạo kế hoạch (dự thảo)</Submit></div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

function PlanFields(p: { form: ReturnType<typeof useForm<any>>; withYear?: boolean }) {
  return (
    <>
      <TextField form={p.form} name="number" label="Số kế hoạch" testid="plan-number" hint="Ví dụ: 08/KH-UBND" input={{ maxLength: 100 }} />
      <TextField form={p.form} name="title" label="Tên kế hoạch" testid="plan-title" input={{ maxLength: 500 }} />
      {p.withYear ? <TextField form={p.form} name="year" label="Năm" testid="plan-year" input={{ inputMode: 'numeric', maxLength: 4, pattern: '\\d{4}' }} /> : null}
      <TextArea form={p.form} name="decision" label="Quyết định ban hành (số, ngày)" testid="plan-decision" rows={2} maxLength={1000} />
      <DateField form={p.form} name="issuedOn" label="Ngày ban hành" testid="plan-issued-on" />
    </>
  );
}

interface Filters {
  phuLuc: string;
  state: string;
  official: string;
  overdue: boolean;
  review: boolean;
  q: string;
}

function filtersOf(q: URLSearchParams): Filters {
  return {
    phuLuc: q.get('phu-luc') ?? '', state: q.get('trang-thai') ?? '', official: q.get('can-bo') ?? '',
    overdue: q.get('qua-han') === '1', review: q.get('xem-lai') === '1', q: q.get('tim') ?? '',
  };
}

/** Rows the plan's list asks for first: few enough that the view's cold load stays light on any plan. */
const FIRST = 20;
/** Rows each "Xem thêm" adds. */
const MORE = 50;

/** The list's filters as the server reads them (GET /api/plans/{id}/tasks). */
function filterQuery(fl: Filters): string {
  const q = new URLSearchParams();
  if (fl.phuLuc) q.set('phuLuc', fl.phuLuc);
  if (fl.state) q.set('state', fl.state);
  if (fl.official) q.set('assigneeId', fl.official);
  if (fl.overdue) q.set('overdue', 'true');
  if (fl.review) q.set('needsReview', 'true');
  if (fl.q.trim()) q.set('q', fl.q.trim());
  return q.toString();
}

interface Rows { key: string | null; items: Task[]; total: number; planTotal: number; counts: Map<number, number>; error: string; busy: boolean }

/**
 * The plan's rows, a page at a time from the server with the filters applied
 * there: the first page on opening, the next on "Xem thêm". Reloading (after
 * an edit) reads again as many rows as were shown.
 */
function usePlanRows(planId: number, fl: Filters, n: number) {
  const key = filterQuery(fl);
  const [rows, setRows] = useState<Rows>({ key: null, items: [], total: 0, planTotal: 0, counts: new Map(), error: '', busy: true });
  const shownRef = useRef(0);
  const read = async (offset: number, count: number) => {
    const items: Task[] = [];
    let last: TaskPage;
    do {
      last = await get<TaskPage>(`/plans/${planId}/tasks?${key}${key ? '&' : ''}offset=${offset + items.length}&limit=${Math.min(100, count - items.length)}`);
      items.push(...last.items);
    } while (items.length < count && offset + items.length < last.total && last.items.length > 0);
    return { items, total: last.total, planTotal: last.planTotal, counts: new Map(last.phuLucs.map((x) => [x.number, x.total])) };
  };
  useEffect(() => {
    let live = true;
    const sameList = rows.key === key;
    setRows((r) => ({ ...r, busy: true, error: '' }));
    // typing in the search box asks once it pauses, not at every key
    const timer = setTimeout(async () => {
      try {
        const got = await read(0, sameList ? Math.max(FIRST, shownRef.current) : FIRST);
        if (!live) return;
        shownRef.current = got.items.length;
        setRows({ key, ...got, error: '', busy: false });
      } catch (e) {
        if (live) setRows((r) => ({ ...r, busy: false, error: (e as Error).message }));
      }
    }, sameList || rows.key === null ? 0 : 250);
    return () => { live = false; clearTimeout(timer); };
  }, [planId, key, n]);
  const more = async (count = MORE) => {
    setRows((r) => ({ ...r, busy: true }));
    try {
      const got = await read(rows.items.length, count);
      shownRef.current = rows.items.length + got.items.length;
      setRows((r) => ({ ...r, ...got, items: [...r.items, ...got.items], busy: false }));
    } catch (e) {
      setRows((r) => ({ ...r, busy: false, error: (e as Error).message }));
    }
  };
  return { ...rows, more };
}

function PlanPage(p: { id: number }) {
  const [n, setN] = useState(0);
  const reload = () => setN((x) => x + 1);
  const data = useData(async () => {
    const plan = await get<Plan>(`/plans/${p.id}?withTasks=false`);
    return { plan, officials: await officialsOf(plan.unitId) };
  }, [p.id, n]);
  if (data.error) return <Alert>{data.error}</Alert>;
  if (!data.data) return <Loading />;
  return <PlanBody key={data.data.plan.id} plan={data.data.plan} officials={data.data.officials} reload={reload} n={n} />;
}

function PlanBody(p: { plan: Plan; officials: Official[]; reload: () => void; n: number }) {
  const { plan, officials } = p;
  const route = useRoute();
  const fl = filtersOf(route.query);
  const today = todayLocal();
  const writable = may('plans.write') && plan.status !== 'closed';
  const [editing, setEditing] = useState<number | null>(null);
  const rows = usePlanRows(plan.id, fl, p.n);
  const filtered = !!(fl.phuLuc || fl.state || fl.official || fl.overdue || fl.review || fl.q);
  const loaded = rows.key === filterQuery(fl);
  const complete = loaded && rows.items.length >= rows.total;
  // Phụ lục past the last row shown wait for "Xem thêm": an empty table there would be a false "none"
  const through = complete ? 99 : (rows.items[rows.items.length - 1]?.phuLuc ?? 0);
  const sections = plan.phuLucs.filter((x) => (!fl.phuLuc || String(x.number) === fl.phuLuc) && x.number <= through);
  // paper has no "Xem thêm": the rows not shown yet are read first, and drawn, then printed
  const printAll = async () => {
    if (loaded && rows.items.length < rows.total) await rows.more(rows.total - rows.items.length);
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    window.print();
  };
  const printRef = useRef(printAll);
  printRef.current = printAll;
  useEffect(() => {
    // Ctrl+P / ⌘P prints the whole list as "In kế hoạch" does, not the rows loaded so far
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'p' || e.key === 'P' || e.code === 'KeyP')) {
        e.preventDefault();
        void printRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      {rows.key !== null && rows.items.length < rows.total ? (
        // printed from the browser's menu with rows still unloaded: the sheet says so at its top
        <p class="print-only print-notice" role="note" data-testid="print-partial">
          Bản in này chỉ gồm {formatCount(rows.items.length)} trên {formatCount(rows.total)} nhiệm vụ{filtered ? ' khớp bộ lọc' : ' của kế hoạch'}.
          {' '}Để in {filtered ? 'đủ các nhiệm vụ này' : 'cả kế hoạch'}, hãy bấm nút «In kế hoạch» trên trang.
        </p>
      ) : null}
      <PlanHeader key={plan.version} plan={plan} reload={p.reload} print={printAll} />
      <section class="card no-print" aria-labelledby="flt-title" data-testid="filters">
        <h2 id="flt-title" class="sr">Lọc nhiệm vụ</h2>
        <form class="form inline filters" onSubmit={(e) => e.preventDefault()} role="search">
          <div class="field"><label for="flt-pl">Phụ lục</label>
            <select id="flt-pl" data-testid="filter-phu-luc" value={fl.phuLuc} onChange={(e) => setQuery({ 'phu-luc': (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Tất cả</option>
              {plan.phuLucs.map((x) => <option key={x.number} value={x.number}>{phuLucName(x.number)}</option>)}
            </select></div>
          <div class="field"><label for="flt-st">Trạng thái</label>
            <select id="flt-st" data-testid="filter-status" value={fl.state} onChange={(e) => setQuery({ 'trang-thai': (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Tất cả</option>
              {(Object.keys(TASK_STATE_LABELS) as TaskState[]).map((k) => <option key={k} value={k}>{TASK_STATE_LABELS[k]}</option>)}
            </select></div>
          <div class="field"><label for="flt-of">Người chủ trì</label>
            <select id="flt-of" data-testid="official-filter" value={fl.official} onChange={(e) => setQuery({ 'can-bo': (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">Tất cả cán bộ</option>
              {officials.map((o) => <option key={o.id} value={o.id}>{o.fullName}</option>)}
            </select></div>
          <div class="field"><label for="flt-q">Tìm</label>
            <input id="flt-q" type="search" data-testid="filter-search" value={fl.q} placeholder="Nội dung, sản phẩm…" onInput={(e) => setQuery({ tim: (e.currentTarget as HTMLInputElement).value })} /></div>
          <label class="check"><input type="checkbox" data-testid="filter-overdue" checked={fl.overdue} onChange={(e) => setQuery({ 'qua-han': (e.currentTarget as HTMLInputElement).checked ? '1' : null })} />Chỉ quá hạn</label>
          <label class="check"><input type="checkbox" data-testid="filter-review" checked={fl.review} onChange={(e) => setQuery({ 'xem-lai': (e.currentTarget as HTMLInputElement).checked ? '1' : null })} />Chỉ thời hạn cần xem lại</label>
        </form>
        <p class="muted" data-testid="filter-note" aria-live="polite">{!loaded ? 'Đang lọc…' : filtered ? `Có ${formatCount(rows.total)} trên ${formatCount(rows.planTotal)} nhiệm vụ khớp bộ lọc.` : `Tất cả ${formatCount(rows.planTotal)} nhiệm vụ.`}
          {filtered ? <> <button type="button" class="sec small" onClick={() => setQuery({ 'phu-luc': null, 'trang-thai': null, 'can-bo': null, 'qua-han': null, 'xem-lai': null, tim: null })}>Bỏ lọc</button></> : null}</p>
      </section>
      {rows.error ? <Alert>{rows.error}</Alert> : null}
      {rows.key === null && rows.busy ? <Loading what="Đang tải nhiệm vụ…" /> : null}
      {rows.key !== null ? sections.map((x) => {
        const shown = rows.items.filter((t) => t.phuLuc === x.number);
        const matching = rows.counts.get(x.number) ?? 0;
        return (
          <section key={x.number} class="card phuluc" id={`pl-${x.number}`} aria-labelledby={`plh-${x.number}`} data-testid="phu-luc-section" data-phu-luc={x.number}>
            <h2 id={`plh-${x.number}`}>{phuLucName(x.number)}. {x.title}</h2>
            {x.heading ? <p class="muted pre">{x.heading}</p> : null}
            <DataTable rows={shown} rowKey={(t) => t.id} caption={`${phuLucName(x.number)}: nhiệm vụ`}
              empty={filtered ? 'Không có nhiệm vụ nào khớp bộ lọc.' : 'Phụ lục này chưa có nhiệm vụ.'}
              rowProps={(t) => ({ 'data-testid': 'task-row', 'data-task-id': t.id, 'data-status': taskStateOn(t, today) })}
              columns={[
                { label: 'TT', class: 'tt', cell: (t) => <a href={taskPath(t.id)} aria-label={`Mở nhiệm vụ TT ${t.ordinal}`}>{t.ordinal}</a> },
                { label: 'Nội dung', class: 'c-content', cell: (t) => <a href={taskPath(t.id)} class="plain pre" data-testid="task-open">{t.content}</a> },
                { label: 'Sản phẩm', cell: (t) => <span class="pre">{t.products.join('\n') || '—'}</span> },
                { label: 'Chủ trì', cell: (t) => <span class="pre">{t.leadText || '—'}</span> },
                { label: 'Phối hợp', cell: (t) => <span class="pre">{t.coordinatorsText || '—'}</span> },
                { label: 'Thời gian hoàn thành', cell: (t) => <>
                  <span class="pre">{t.deadlineText || '—'}</span>
                  {t.dueDates.some((d) => d.dueOn) ? <div class="muted">{t.dueDates.filter((d) => d.dueOn).map((d) => vnDate(d.dueOn)).join(', ')}</div> : null}
                  {t.schedule.needsReview ? <div><span class="badge" data-testid="needs-review">Cần xem lại</span></div> : null}
                </> },
                { label: 'Trạng thái', cell: (t) => { const s = taskStateOn(t, today); return <Pill kind={s} testid="task-status">{TASK_STATE_LABELS[s]}</Pill>; } },
                { label: 'Người chủ trì', cell: (t) => <span data-testid="task-assignee">{nameOf(officials, t.assigneeId)}</span> },
                ...(writable ? [{ label: 'Thao tác', srOnly: true, class: 'no-print', cell: (t: Task) => (
                  <button type="button" class="sec small" data-testid="task-edit" aria-expanded={editing === t.id} onClick={() => setEditing(editing === t.id ? null : t.id)}>Sửa</button>
                ) }] : []),
              ]} />
            {shown.length < matching ? <p class="muted" data-testid="phu-luc-rest">Còn {formatCount(matching - shown.length)} nhiệm vụ của {phuLucName(x.number)} chưa hiện: bấm “Xem thêm” ở cuối trang.</p> : null}
            {writable && editing !== null && shown.some((t) => t.id === editing) ? (
              <TaskForm key={editing} plan={plan} phuLuc={x.number} task={shown.find((t) => t.id === editing)!} done={() => { setEditing(null); p.reload(); }} />
            ) : null}
            {writable && shown.length >= matching ? <AddTask plan={plan} phuLuc={x.number} reload={p.reload} /> : null}
          </section>
        );
      }) : null}
      {rows.key !== null && rows.items.length < rows.total ? (
        <section class="card no-print" data-testid="plan-more" aria-label="Nhiệm vụ chưa hiện">
          <p class="more"><span class="muted" data-testid="plan-shown">Đang hiện {formatCount(rows.items.length)} trên {formatCount(rows.total)} nhiệm vụ.</span>{' '}
            <button type="button" class="sec" data-testid="plan-show-more" disabled={rows.busy} aria-busy={rows.busy ? 'true' : undefined} onClick={() => void rows.more()}>
              Xem thêm {formatCount(Math.min(MORE, rows.total - rows.items.length))} nhiệm vụ</button></p>
        </section>
      ) : null}
    </>
  );
}

function PlanHeader(p: { plan: Plan; reload: () => void; print: () => Promise<void> }) {
  const { plan } = p;
  const editable = may('plans.write') && plan.status === 'draft';
  const f = useForm({ number: plan.number, title: plan.title, decision: plan.decision ?? '', issuedOn: vnFromIso(plan.issuedOn) });
  const issue = useForm({ issuedOn: vnFromIso(plan.issuedOn ?? todayLocal()), decision: plan.decision ?? '' });
  const close = useForm({});
  const reopen = useForm({ reason: '' });
  return (
    <section class="card" aria-labelledby="plan-title" data-testid="plan-header" data-status={plan.status}>
      <div class="spread">
        <h1 id="plan-title">{plan.title}</h1>
        <Pill kind={plan.status} testid="plan-status">{PLAN_STATUS_LABELS[plan.status]}</Pill>
      </div>
      <dl class="facts">
        <dt>Số</dt><dd data-testid="plan-number-text">{plan.number}</dd>
        <dt>Năm</dt><dd>{plan.year}</dd>
        <dt>Quyết định ban hành</dt><dd class="pre" data-testid="plan-decision-text">{plan.decision || '—'}</dd>
        <dt>Ngày ban hành</dt><dd>{vnDate(plan.issuedOn) || '—'}</dd>
        <dt>Số nhiệm vụ</dt><dd>{formatCount(plan.taskCount)}, {formatCount(plan.unassignedCount)} chưa giao người chủ trì</dd>
      </dl>
      {editable ? (
        <details class="no-print" data-testid="plan-edit">
          <summary>Sửa thông tin kế hoạch</summary>
          <Form form={f} class="form" testid="plan-edit-form" label="Sửa thông tin kế hoạch" onSubmit={async (v) => {
            const issuedOn = dateValue('issuedOn', v.issuedOn, { optional: true });
            await patch(`/plans/${plan.id}`, { number: v.number.trim(), title: v.title.trim(), decision: v.decision.trim() || null, issuedOn, version: plan.version });
            p.reload();
          }}>
            <PlanFields form={f} />
            <div class="actions"><Submit form={f} testid="plan-save">Lưu</Submit></div>
          </Form>
        </details>
      ) : null}
      {may('plans.write') && plan.status === 'draft' ? (
        <Form form={issue} class="form inline no-print" testid="plan-issue-form" label="Ban hành kế hoạch" onSubmit={async (v) => {
          const issuedOn = dateValue('issuedOn', v.issuedOn, { label: 'ngày ban hành' });
          await post(`/plans/${plan.id}/issue`, { issuedOn, decision: v.decision.trim(), version: plan.version });
          p.reload();
        }}>
          <DateField form={issue} name="issuedOn" label="Ngày ban hành" testid="issue-date" />
          <TextField form={issue} name="decision" label="Quyết định ban hành" testid="issue-decision" input={{ maxLength: 1000 }} />
          <div class="field actions"><Submit form={issue} testid="plan-issue">Ban hành kế hoạch</Submit></div>
        </Form>
      ) : null}
      {may('plans.write') && plan.status === 'issued' ? (
        <Form form={close} class="form inline no-print" testid="plan-close-form" label="Khóa sổ kế hoạch" onSubmit={async () => {
          if (!confirm('Khóa sổ kế hoạch? Sau khi khóa sổ, không ai sửa được kế hoạch cho đến khi Chủ tịch mở lại.')) return;
          await post(`/plans/${plan.id}/close`);
          p.reload();
        }}>
          <Submit form={close} class="sec" testid="plan-close">Khóa sổ kế hoạch</Submit>
        </Form>
      ) : null}
      {may('plans.reopen') && plan.status === 'closed' ? (
        <Form form={reopen} class="form inline no-print" testid="plan-reopen-form" label="Mở lại kế hoạch" onSubmit={async (v) => {
          if (!v.reason.trim()) throw new FieldErrors({ reason: 'Hãy ghi lý do mở lại kế hoạch.' });
          await post(`/plans/${plan.id}/reopen`, { reason: v.reason.trim() });
          p.reload();
        }}>
          <TextField form={reopen} name="reason" label="Lý do mở lại" testid="plan-reopen-reason" input={{ maxLength: 2000 }} />
          <div class="field actions"><Submit form={reopen} class="sec" testid="plan-reopen">Mở lại kế hoạch</Submit></div>
        </Form>
      ) : null}
      <p class="no-print"><button type="button" class="sec" data-testid="plan-print" onClick={() => void p.print()}>In kế hoạch</button></p>
    </section>
  );
}

function AddTask(p: { plan: Plan; phuLuc: number; reload: () => void }) {
  const [open, setOpen] = useState(false);
  if (!open) return <p class="no-print"><button type="button" class="sec" data-testid="task-add-open" onClick={() => setOpen(true)}>Thêm nhiệm vụ vào {phuLucName(p.phuLuc)}</button></p>;
  return <TaskForm plan={p.plan} phuLuc={p.phuLuc} done={() => { setOpen(false); p.reload(); }} cancel={() => setOpen(false)} />;
}

/** Adds a task to a Phụ lục, or edits one; the deadline is understood as it is typed. */
function TaskForm(p: { plan: Plan; phuLuc: number; task?: Task; done: () => void; cancel?: () => void }) {
  const t = p.task;
  const f = useForm({
    ordinal: t ? String(t.ordinal) : '', content: t?.content ?? '', products: t?.products.join('\n') ?? '',
    leadText: t?.leadText ?? '', coordinatorsText: t?.coordinatorsText ?? '', deadlineText: t?.deadlineText ?? '',
  });
  const del = useForm({});
  return (
    <div class="subcard no-print" data-testid={t ? 'task-edit-panel' : 'task-add-panel'}>
      <h3>{t ? `Sửa nhiệm vụ TT ${t.ordinal}` : `Thêm nhiệm vụ vào ${phuLucName(p.phuLuc)}`}</h3>
      <Form form={f} class="form" testid={t ? 'task-edit-form' : 'task-add-form'} label={t ? 'Sửa nhiệm vụ' : 'Thêm nhiệm vụ'} onSubmit={async (v) => {
        if (!v.content.trim()) throw new FieldErrors({ content: 'Hãy nhập nội dung nhiệm vụ.' });
        const ordinal = v.ordinal.trim() ? Number(v.ordinal) : undefined;
        if (ordinal !== undefined && (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > 999)) throw new FieldErrors({ ordinal: 'TT phải là số nguyên từ 1 đến 999.' });
        const body = {
          ...(ordinal !== undefined ? { ordinal } : {}),
          content: v.content.trim(),
          products: v.products.split('\n').map((s) => s.trim()).filter(Boolean),
          leadText: v.leadText.trim(), coordinatorsText: v.coordinatorsText.trim(), deadlineText: v.deadlineText.trim(),
        };
        if (t) await patch(`/tasks/${t.id}`, { ...body, version: t.version });
        else await post(`/plans/${p.plan.id}/tasks`, { phuLuc: p.phuLuc, ...body });
        p.done();
      }}>
        <TextField form={f} name="ordinal" label="TT" testid="task-ordinal" hint={t ? undefined : 'Bỏ trống để nối tiếp'} input={{ inputMode: 'numeric', maxLength: 3, class: 'short' }} />
        <TextArea form={f} name="content" label="Nội dung" testid="task-content-input" rows={3} maxLength={5000} />
        <TextArea form={f} name="products" label="Sản phẩm (mỗi dòng một sản phẩm)" testid="task-products" rows={2} />
        <TextArea form={f} name="leadText" label="Chủ trì" testid="task-lead" rows={2} maxLength={2000} />
        <TextArea form={f} name="coordinatorsText" label="Phối hợp" testid="task-coordinators" rows={2} maxLength={2000} />
        <TextArea form={f} name="deadlineText" label="Thời gian hoàn thành" testid="task-deadline" hint="Ví dụ: Trước ngày 30/6/2023; Hằng quý; Tháng 12/2023." rows={2} maxLength={2000} />
        <DeadlinePreview text={f.values.deadlineText} year={p.plan.year} />
        <div class="actions">
          <Submit form={f} testid="task-save">{t ? 'Lưu nhiệm vụ' : 'Thêm nhiệm vụ'}</Submit>
          <button type="button" class="sec" onClick={p.cancel ?? p.done}>Thôi</button>
        </div>
      </Form>
      {t && p.plan.status === 'draft' ? (
        <Form form={del} class="form inline" testid="task-remove-form" label="Xóa nhiệm vụ" onSubmit={async () => {
          if (!confirm(`Xóa nhiệm vụ TT ${t.ordinal} khỏi ${phuLucName(p.phuLuc)}? Kế hoạch còn là dự thảo nên nhiệm vụ bị xóa hẳn.`)) return;
          await api('DELETE', `/tasks/${t.id}?version=${t.version}`);
          p.done();
        }}>
          <Submit form={del} class="danger" testid="task-remove">Xóa nhiệm vụ này</Submit>
        </Form>
      ) : null}
    </div>
  );
}
