import type { ComponentChildren } from 'preact';
import { get } from '../api.js';
import { MonthChart } from '../components/chart.js';
import { DateField, Form, Submit, dateValue, useForm, vnFromIso } from '../components/form.js';
import { Alert, DataTable, Loading, Pill, useData } from '../components/ui.js';
import { phuLucName, plansList, vnDate } from '../data.js';
import { setQuery, useRoute } from '../router.js';
import { TASK_STATE_LABELS, formatCount, planPath, taskPath, todayLocal, type TaskState } from '../server.js';
import type { PlanOverview, PlanSummary, Progress } from '../types.js';
import { PlanPicker } from './plan-picker.js';

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
    const [overview, progress] = await Promise.all([
      get<PlanOverview>(`/plans/${plan.id}/overview?asOf=${asOf}`), get<Progress>(`/plans/${plan.id}/progress?asOf=${asOf}`),
    ]);
    return { overview, progress };
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

function Figures(p: { overview: PlanOverview; progress: Progress; asOf: string }) {
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
              <a href={`${planPath(p.overview.planId)}?phu-luc=${x.phuLuc}`}>
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
      <h2>Hoàn thành theo tháng năm {p.overview.year}</h2>
      <MonthChart months={p.overview.months} title={`Hoàn thành theo tháng năm ${p.overview.year}`} />
    </>
  );
}

type Row = { id: number; phuLuc: number; ordinal: number; content: string | null };

function taskLink(t: Row) {
  return <a href={taskPath(t.id)} data-testid="task-link">{phuLucName(t.phuLuc)}, TT {t.ordinal}{t.content ? `: ${t.content}` : ''}</a>;
}

/** Under a list cut at its first rows: how many there are, and where the plan shows them all. */
function More(p: { list: { total: number; items: unknown[] }; href: string | null; testid: string }) {
  if (p.list.total <= p.list.items.length) return null;
  const text = `Đang hiện ${formatCount(p.list.items.length)} trên ${formatCount(p.list.total)} nhiệm vụ`;
  return <p class="muted" data-testid={p.testid}>{p.href ? <>{text}; <a href={p.href}>xem tất cả trong Kế hoạch</a>.</> : `${text}.`}</p>;
}

function Lists(p: { overview: PlanOverview; asOf: string }) {
  const o = p.overview;
  const plan = planPath(o.planId);
  const heading = (text: string, n: number): ComponentChildren => `${text} (${formatCount(n)})`;
  return (
    <>
      <section class="card" aria-labelledby="ov-over" data-testid="overdue-list">
        <h2 id="ov-over">{heading('Quá hạn chưa hoàn thành', o.overdue.total)}</h2>
        <DataTable rows={o.overdue.items} rowKey={(t) => t.id} empty="Không có nhiệm vụ nào quá hạn." caption="Nhiệm vụ quá hạn" columns={[
          { label: 'Nhiệm vụ', cell: taskLink },
          { label: 'Hạn', cell: (t) => t.dueOn.map((d) => vnDate(d)).join(', ') },
          { label: 'Người chủ trì', cell: (t) => t.assigneeName },
        ]} />
        <More list={o.overdue} href={p.asOf === todayLocal() ? `${plan}?qua-han=1` : plan} testid="overdue-more" />
      </section>
      <section class="card" aria-labelledby="ov-soon" data-testid="due-soon">
        <h2 id="ov-soon">{heading('Đến hạn trong 14 ngày tới', o.dueSoon.total)}</h2>
        <DataTable rows={o.dueSoon.items} rowKey={(x) => x.id} empty="Không có nhiệm vụ nào đến hạn trong 14 ngày tới." caption="Nhiệm vụ sắp đến hạn" columns={[
          { label: 'Nhiệm vụ', cell: taskLink },
          { label: 'Hạn', cell: (x) => vnDate(x.nextDue) },
          { label: 'Người chủ trì', cell: (x) => x.assigneeName },
        ]} />
        <More list={o.dueSoon} href={plan} testid="due-soon-more" />
      </section>
      <section class="card" aria-labelledby="ov-chair" data-testid="needs-chairman">
        <h2 id="ov-chair">Cần Chủ tịch xử lý</h2>
        <h3>{heading('Chưa giao người chủ trì', o.unassigned.total)}</h3>
        <DataTable rows={o.unassigned.items} rowKey={(u) => u.id} empty="Tất cả nhiệm vụ đã có người chủ trì." caption="Nhiệm vụ chưa giao" columns={[
          { label: 'Nhiệm vụ', cell: taskLink },
          { label: 'Cơ quan chủ trì theo kế hoạch', cell: (u) => u.leadText },
          { label: 'Lý do', cell: (u) => <span class="muted">{u.reason}</span> },
        ]} />
        <More list={o.unassigned} href={plan} testid="unassigned-more" />
        <h3>{heading('Thời hạn cần xem lại', o.needsReview.total)}</h3>
        <DataTable rows={o.needsReview.items} rowKey={(t) => t.id} empty="Không có thời hạn nào cần xem lại." caption="Thời hạn cần xem lại" columns={[
          { label: 'Nhiệm vụ', cell: taskLink },
          { label: 'Thời gian hoàn thành', cell: (t) => t.deadlineText },
          { label: 'Vì sao', cell: (t) => <span class="muted">{t.notes}</span> },
          { label: 'Trạng thái', cell: (t) => <Pill kind={t.state}>{TASK_STATE_LABELS[t.state as TaskState]}</Pill> },
        ]} />
        <More list={o.needsReview} href={`${plan}?xem-lai=1`} testid="review-more" />
      </section>
    </>
  );
}
