import { get } from '../api.js';
import { MonthChart, type MonthBar } from '../components/chart.js';
import { DateField, Form, Submit, dateValue, useForm, vnFromIso } from '../components/form.js';
import { Alert, DataTable, Loading, Pill, useData } from '../components/ui.js';
import { nameOf, officialsOf, phuLucName, plansList, shorten, vnDate } from '../data.js';
import { setQuery, useRoute } from '../router.js';
import { TASK_STATE_LABELS, addDays, formatCount, nextDue, taskPath, taskStateOn, todayLocal } from '../server.js';
import type { Official, Plan, PlanSummary, Progress, Task } from '../types.js';
import { PlanPicker } from './plan-picker.js';

/** Completions and due dates per month of the plan's year, up to the chosen day. */
export function monthsOf(tasks: Task[], year: number, asOf: string): MonthBar[] {
  const months: MonthBar[] = Array.from({ length: 12 }, (_, i) => ({ label: `T${i + 1}`, due: 0, done: 0 }));
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    for (const d of t.dueDates) {
      if (d.dueOn && d.dueOn.startsWith(`${year}-`)) months[Number(d.dueOn.slice(5, 7)) - 1].due++;
      if (d.completedOn && d.completedOn <= asOf && d.completedOn.startsWith(`${year}-`)) months[Number(d.completedOn.slice(5, 7)) - 1].done++;
    }
  }
  return months;
}

export function Overview() {
  const route = useRoute();
  const asOf = route.query.get('ngay') ?? todayLocal();
  const plans = useData(plansList, []);
  const list = plans.data ?? [];
  const wanted = Number(route.query.get('ke-hoach'));
  // the one asked for; else the latest year's plan in force (issued), else the latest
  const latest = [...list].sort((a, b) => b.year - a.year || Number(b.status === 'issued') - Number(a.status === 'issued'));
  const plan: PlanSummary | undefined = list.find((p) => p.id === wanted) ?? latest.find((p) => p.status === 'issued') ?? latest[0];
  const data = useData(async () => {
    if (!plan) return undefined;
    const [detail, progress, officials] = await Promise.all([
      get<Plan>(`/plans/${plan.id}?compact=true`), get<Progress>(`/plans/${plan.id}/progress?asOf=${asOf}`), officialsOf(plan.unitId),
    ]);
    return { detail, progress, officials };
  }, [plan?.id, asOf]);
  const f = useForm({ asOf: vnFromIso(asOf) });

  if (plans.error) return <Alert>{plans.error}</Alert>;
  if (!plans.data) return <Loading />;
  if (!plan) return <section class="card"><h1>Tổng quan</h1><p>Chưa có kế hoạch nào.</p></section>;
  return (
    <>
      <section class="card" aria-labelledby="ov-title" data-testid="overview">
        <div class="spread">
          <h1 id="ov-title">Tổng quan</h1>
          <PlanPicker plans={list} value={plan.id} onChange={(id) => setQuery({ 'ke-hoach': String(id) })} />
        </div>
        <Form form={f} class="form inline no-print" label="Tính đến ngày" testid="as-of-form" onSubmit={async (v) => {
          const iso = dateValue('asOf', v.asOf, { label: 'ngày' });
          setQuery({ ngay: iso === todayLocal() ? null : iso });
        }}>
          <DateField form={f} name="asOf" label="Tính đến ngày" testid="as-of" />
          <div class="actions"><Submit form={f} class="sec" testid="as-of-submit">Xem</Submit></div>
        </Form>
        {data.error ? <Alert>{data.error}</Alert> : !data.data ? <Loading /> : <Figures {...data.data} asOf={asOf} />}
      </section>
      {data.data ? <Lists {...data.data} asOf={asOf} /> : null}
    </>
  );
}

function Figures(p: { detail: Plan; progress: Progress; asOf: string }) {
  const pr = p.progress;
  return (
    <>
      <p class="headline" data-testid="headline">
        Tính đến ngày <span data-testid="as-of-text">{vnDate(pr.asOf)}</span>, <strong data-testid="summary">{pr.summary}</strong>.
      </p>
      <p class="cchc" data-testid="cchc-points">
        <span data-testid="cchc-text">{pr.cchcPoints.text}</span>
        <small> (thang điểm{pr.cchcPoints.thresholdsFrom ? ` của ${pr.cchcPoints.thresholdsFrom}` : ' mặc định'}: {pr.cchcPoints.rule})</small>
      </p>
      <ul class="counts">
        <li class="k1"><b data-testid="count-on-time">{formatCount(pr.completedOnTime)}</b>hoàn thành đúng hạn</li>
        <li class="k2"><b data-testid="count-late">{formatCount(pr.completedLate)}</b>hoàn thành quá hạn</li>
        <li class="k3"><b data-testid="count-overdue">{formatCount(pr.overdue)}</b>quá hạn chưa xong</li>
        <li class="k4"><b data-testid="count-in-progress">{formatCount(pr.inProgress)}</b>đang thực hiện</li>
      </ul>
      <h2>Theo Phụ lục</h2>
      <ol class="bars" data-testid="phu-luc-bars">
        {pr.phuLucs.map((x) => {
          const done = x.planned ? (100 * x.completed) / x.planned : 0;
          const over = x.planned ? (100 * x.overdue) / x.planned : 0;
          const name = `${phuLucName(x.phuLuc)}. ${x.title}`;
          return (
            <li key={x.phuLuc} data-testid="phu-luc-bar" data-phu-luc={x.phuLuc}>
              <a href={`/ke-hoach/${p.detail.id}?phu-luc=${x.phuLuc}`}>
                <span class="bt">{name}</span>
                <span class="bn" data-testid="phu-luc-ratio">{x.ratio} · {x.percent}</span>
              </a>
              <div class="track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(done)} aria-label={`${name}: ${x.summary}`}>
                <span class="f-done" style={{ width: `${done}%` }} />
                <span class="f-over" style={{ width: `${over}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
      <p class="legend muted"><i class="f-done" />Đã hoàn thành <i class="f-over" />Quá hạn chưa xong <i class="f-rest" />Còn lại</p>
      <h2>Hoàn thành theo tháng năm {p.detail.year}</h2>
      <MonthChart months={monthsOf(p.detail.phuLucs.flatMap((x) => x.tasks), p.detail.year, p.asOf)} title={`Hoàn thành theo tháng năm ${p.detail.year}`} />
    </>
  );
}

function taskLink(t: Task) {
  return <a href={taskPath(t.id)} data-testid="task-link">{phuLucName(t.phuLuc)}, TT {t.ordinal}: {shorten(t.content, 90)}</a>;
}

function Lists(p: { detail: Plan; officials: Official[]; asOf: string }) {
  const tasks = p.detail.phuLucs.flatMap((x) => x.tasks);
  const soon = addDays(p.asOf, 14);
  const overdue = tasks.filter((t) => taskStateOn(t, p.asOf) === 'overdue');
  const dueSoon = tasks
    .filter((t) => t.status === 'open' && taskStateOn(t, p.asOf) === 'open')
    .map((t) => ({ t, next: nextDue(t) }))
    .filter((x) => x.next !== null && x.next >= p.asOf && x.next <= soon)
    .sort((a, b) => a.next!.localeCompare(b.next!));
  const review = tasks.filter((t) => t.schedule.needsReview && t.status !== 'cancelled');
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return (
    <>
      <section class="card" aria-labelledby="ov-over" data-testid="overdue-list">
        <h2 id="ov-over">Quá hạn chưa hoàn thành ({formatCount(overdue.length)})</h2>
        <DataTable rows={overdue} rowKey={(t) => t.id} empty="Không có nhiệm vụ nào quá hạn." caption="Nhiệm vụ quá hạn" columns={[
          { label: 'Nhiệm vụ', cell: taskLink },
          { label: 'Hạn', cell: (t) => t.dueDates.filter((d) => !d.completedOn || d.completedOn > p.asOf).map((d) => vnDate(d.dueOn)).filter(Boolean).join(', ') },
          { label: 'Người chủ trì', cell: (t) => nameOf(p.officials, t.assigneeId) },
        ]} />
      </section>
      <section class="card" aria-labelledby="ov-soon" data-testid="due-soon">
        <h2 id="ov-soon">Đến hạn trong 14 ngày tới ({formatCount(dueSoon.length)})</h2>
        <DataTable rows={dueSoon} rowKey={(x) => x.t.id} empty="Không có nhiệm vụ nào đến hạn trong 14 ngày tới." caption="Nhiệm vụ sắp đến hạn" columns={[
          { label: 'Nhiệm vụ', cell: (x) => taskLink(x.t) },
          { label: 'Hạn', cell: (x) => vnDate(x.next) },
          { label: 'Người chủ trì', cell: (x) => nameOf(p.officials, x.t.assigneeId) },
        ]} />
      </section>
      <section class="card" aria-labelledby="ov-chair" data-testid="needs-chairman">
        <h2 id="ov-chair">Cần Chủ tịch xử lý</h2>
        <h3>Chưa giao người chủ trì ({formatCount(p.detail.unassigned.length)})</h3>
        <DataTable rows={p.detail.unassigned} rowKey={(u) => u.taskId} empty="Tất cả nhiệm vụ đã có người chủ trì." caption="Nhiệm vụ chưa giao" columns={[
          { label: 'Nhiệm vụ', cell: (u) => { const t = byId.get(u.taskId); return t ? taskLink(t) : `${phuLucName(u.phuLuc)}, TT ${u.ordinal}`; } },
          { label: 'Cơ quan chủ trì theo kế hoạch', cell: (u) => u.leadText },
          { label: 'Lý do', cell: (u) => <span class="muted">{u.reason}</span> },
        ]} />
        <h3>Thời hạn cần xem lại ({formatCount(review.length)})</h3>
        <DataTable rows={review} rowKey={(t) => t.id} empty="Không có thời hạn nào cần xem lại." caption="Thời hạn cần xem lại" columns={[
          { label: 'Nhiệm vụ', cell: taskLink },
          { label: 'Thời gian hoàn thành', cell: (t) => t.deadlineText },
          { label: 'Vì sao', cell: (t) => <span class="muted">{t.schedule.notes.join(' ') || 'Thời hạn cần người kiểm tra lại'}</span> },
          { label: 'Trạng thái', cell: (t) => <Pill kind={taskStateOn(t, p.asOf)}>{TASK_STATE_LABELS[taskStateOn(t, p.asOf)]}</Pill> },
        ]} />
      </section>
    </>
  );
}
