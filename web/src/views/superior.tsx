import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { Alert, Loading, useData } from '../components/ui.js';
import { setQuery, useRoute } from '../router.js';
import { formatVnDate, planPath, todayLocal } from '../server.js';
import { useSession } from '../session.js';
import type { PlanSummary } from '../types.js';
import { PERIOD_CODES, reportPeriod, type PeriodCode, type Unit } from './back-office.js';

interface RollupRow { unitId: number; name: string; planned: number; completed: number; ratio: string; percent: string }
interface Rollup { unitId: number; asOf: string; year: number; units: RollupRow[]; total: { planned: number; completed: number; ratio: string; percent: string; summary: string } }

type SortKey = 'percent' | 'name' | 'planned';

/**
 * Cấp trên (the superior level's viewer): each commune beneath, its
 * completion for a period (or as of today), sortable, with the total; a
 * commune's plan opens read-only. Period and year live in the address.
 */
export function Superior() {
  const { me } = useSession();
  const route = useRoute();
  const today = todayLocal();
  const plans = useData(() => get<PlanSummary[]>('/plans'), []);
  // the latest plan year among the communes beneath, unless the address asks for another
  const latest = Math.max(0, ...(plans.data ?? []).map((p) => p.year));
  const year = Number(route.query.get('nam')) || latest || Number(today.slice(0, 4));
  const period = (PERIOD_CODES as readonly string[]).includes(route.query.get('ky') ?? '') ? (route.query.get('ky') as PeriodCode) : null;
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: 'percent', down: true });
  const unitId = me?.unitId ?? 0;
  const unit = useData(() => get<Unit>(`/units/${unitId}`), [unitId]);
  const ready = !!plans.data || !!plans.error;
  const rollup = useData(
    () => (ready ? get<Rollup>(`/units/${unitId}/progress?${period ? `period=${period}&year=${year}` : `year=${year}&asOf=${year < Number(today.slice(0, 4)) ? `${year}-12-31` : today}`}`) : new Promise<Rollup>(() => {})),
    [unitId, period, year, ready],
  );
  if (!me) return null;
  const years = [year - 1, year, year + 1].filter((y, i, a) => a.indexOf(y) === i);
  const share = (r: RollupRow) => (r.planned ? r.completed / r.planned : 0);
  const rows = [...(rollup.data?.units ?? [])].sort((a, b) => {
    const d = sort.key === 'name' ? a.name.localeCompare(b.name, 'vi') : sort.key === 'planned' ? a.planned - b.planned : share(a) - share(b);
    return sort.down ? -d : d;
  });
  const planOf = (unitId: number) => (plans.data ?? []).filter((p) => p.unitId === unitId).sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year))[0];
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.down ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sec small" data-testid={`sort-${key}`} onClick={() => setSort({ key, down: sort.key === key ? !sort.down : key !== 'name' })}>
        {label}<span aria-hidden="true">{sort.key === key ? (sort.down ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <section class="card" aria-labelledby="rollup-title" data-testid="rollup">
      <h1 id="rollup-title">Các đơn vị trực thuộc</h1>
      <form class="form inline no-print" onSubmit={(e) => e.preventDefault()} aria-label="Chọn kỳ">
        <div class="field">
          <label for="rollup-period">Kỳ báo cáo</label>
          <select id="rollup-period" data-testid="rollup-period" value={period ?? ''} onChange={(e) => setQuery({ ky: (e.currentTarget as HTMLSelectElement).value || null })}>
            <option value="">Đến {year < Number(today.slice(0, 4)) ? `hết năm (31/12/${year})` : `hôm nay (${formatVnDate(today)})`}</option>
            {unit.data ? PERIOD_CODES.map((c) => {
              const p = reportPeriod(c, year, unit.data!.reportCutoff);
              return <option key={c} value={c}>{p.label} (đến {formatVnDate(p.cutoff)})</option>;
            }) : null}
          </select>
        </div>
        <div class="field">
          <label for="rollup-year">Năm</label>
          <select id="rollup-year" data-testid="rollup-year" value={String(year)} onChange={(e) => setQuery({ nam: (e.currentTarget as HTMLSelectElement).value })}>
            {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="rollup-sort">Sắp xếp theo</label>
          <select id="rollup-sort" data-testid="rollup-sort" value={`${sort.key}-${sort.down ? 'giam' : 'tang'}`}
            onChange={(e) => { const [key, dir] = (e.currentTarget as HTMLSelectElement).value.split('-'); setSort({ key: key as SortKey, down: dir === 'giam' }); }}>
            <option value="percent-giam">Tỷ lệ hoàn thành, cao trước</option>
            <option value="percent-tang">Tỷ lệ hoàn thành, thấp trước</option>
            <option value="name-tang">Tên đơn vị, A đến Z</option>
            <option value="name-giam">Tên đơn vị, Z đến A</option>
            <option value="planned-giam">Số nhiệm vụ, nhiều trước</option>
            <option value="planned-tang">Số nhiệm vụ, ít trước</option>
          </select>
        </div>
      </form>
      {rollup.error ? <Alert>{rollup.error}</Alert> : null}
      {!rollup.data && !rollup.error ? <Loading /> : null}
      {rollup.data ? (
        <>
          <p data-testid="rollup-total" class="headline">
            Toàn bộ các đơn vị: <b>{rollup.data.total.summary}</b>. Số liệu tính đến ngày {formatVnDate(rollup.data.asOf)}.
          </p>
          {rows.length ? (
            <table class="dt rollup" data-testid="rollup-table">
              <caption class="sr">Tiến độ của các đơn vị trực thuộc</caption>
              <thead>
                <tr>{header('name', 'Đơn vị')}{header('planned', 'Đã hoàn thành / số nhiệm vụ')}{header('percent', 'Tỷ lệ')}<th scope="col">Kế hoạch</th></tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const plan = planOf(r.unitId);
                  return (
                    <tr key={r.unitId} data-testid="rollup-row" data-unit-id={r.unitId}>
                      <td data-label="Đơn vị"><b>{r.name}</b></td>
                      <td data-label="Đã hoàn thành / số nhiệm vụ" data-testid="rollup-ratio">{r.ratio}</td>
                      <td data-label="Tỷ lệ">
                        <span class="pct" data-testid="rollup-percent">{r.percent}</span>
                        <span class="meter" aria-hidden="true"><span style={{ width: `${Math.round(share(r) * 100)}%` }} /></span>
                      </td>
                      <td data-label="Kế hoạch">{plan ? <a class="btn sec small" href={planPath(plan.id)} data-testid="rollup-plan">Xem kế hoạch</a> : <span class="muted">chưa có kế hoạch</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr data-testid="rollup-total-row">
                  <th scope="row" data-label="Tổng cộng">Tổng cộng</th>
                  <td data-label="Đã hoàn thành / số nhiệm vụ">{rollup.data.total.ratio}</td>
                  <td data-label="Tỷ lệ">{rollup.data.total.percent}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          ) : <p class="muted">Chưa có đơn vị trực thuộc nào có kế hoạch năm {rollup.data.year}.</p>}
        </>
      ) : null}
    </section>
  );
}
