import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { MoreRows, SearchBox, usePaged } from '../components/paged.js';
import { Alert, Loading, useData } from '../components/ui.js';
import { setQuery, useRoute } from '../router.js';
import { formatCount, formatVnDate, planPath, todayLocal } from '../server.js';
import { useSession } from '../session.js';
import type { Rollup, RollupRow } from '../types.js';
import { PERIOD_CODES, reportPeriod, type PeriodCode, type Unit } from './back-office.js';

type SortKey = 'percent' | 'name' | 'planned';

/** Rows on opening, and more on each "Xem thêm". */
const FIRST = 50;
const STEP = 50;

/**
 * Cấp trên (the superior level's viewer): each commune beneath, its
 * completion for a period (or as of today), sorted, searched and paged on the
 * server, with the total over every commune; a commune's plan opens
 * read-only. Period and year live in the address.
 */
export function Superior() {
  const { me } = useSession();
  const route = useRoute();
  const today = todayLocal();
  const thisYear = Number(today.slice(0, 4));
  // without a year in the address: this year, or the latest year with plans beneath once the first answer tells
  const [latest, setLatest] = useState<number | null>(null);
  const year = Number(route.query.get('nam')) || latest || thisYear;
  const period = (PERIOD_CODES as readonly string[]).includes(route.query.get('ky') ?? '') ? (route.query.get('ky') as PeriodCode) : null;
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: 'percent', down: true });
  const [search, setSearch] = useState('');
  const unitId = me?.unitId ?? 0;
  const unit = useData(() => get<Unit>(`/units/${unitId}`), [unitId]);
  const when = period ? `period=${period}&year=${year}` : `year=${year}&asOf=${year < thisYear ? `${year}-12-31` : today}`;
  const list = usePaged<RollupRow, Rollup>(
    unitId ? `/units/${unitId}/progress?${when}&sort=${sort.key}&dir=${sort.down ? 'desc' : 'asc'}${search.trim() ? `&q=${encodeURIComponent(search.trim())}` : ''}` : null,
    { first: FIRST, step: STEP, rows: (a) => ({ total: a.matched, items: a.units }) },
  );
  // the answer for this year only stands once the year is settled (given, or the latest with plans)
  const settled = !!route.query.get('nam') || latest !== null;
  const rollup = settled && list.last?.year === year ? list.last : undefined;
  useEffect(() => {
    if (!list.last || latest !== null || route.query.get('nam')) return;
    const { years } = list.last;
    setLatest(years.includes(year) || !years.length ? year : Math.max(...years));
  }, [list.last]);
  if (!me) return null;
  const years = [...new Set([year - 1, year, year + 1, ...(list.last?.years ?? [])])].sort((a, b) => a - b);
  const share = (r: RollupRow) => (r.planned ? r.completed / r.planned : 0);
  const rows = list.items;
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
            <option value="">Đến {year < thisYear ? `hết năm (31/12/${year})` : `hôm nay (${formatVnDate(today)})`}</option>
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
      {list.error ? <Alert>{list.error}</Alert> : null}
      {!rollup && !list.error ? <Loading /> : null}
      {rollup ? (
        <>
          <p data-testid="rollup-total" class="headline">
            Toàn bộ {formatCount(rollup.unitCount)} đơn vị: <b>{rollup.total.summary}</b>. Số liệu tính đến ngày {formatVnDate(rollup.asOf)}.
          </p>
          <form class="form inline no-print" role="search" onSubmit={(e) => e.preventDefault()}>
            <SearchBox id="rollup-q" label="Tìm đơn vị" testid="rollup-search" value={search} placeholder="Tên xã, phường…" onInput={setSearch} />
          </form>
          {rows.length ? (
            <table class="dt rollup" data-testid="rollup-table">
              <caption class="sr">Tiến độ của các đơn vị trực thuộc</caption>
              <thead>
                <tr>{header('name', 'Đơn vị')}{header('planned', 'Đã hoàn thành / số nhiệm vụ')}{header('percent', 'Tỷ lệ')}<th scope="col">Kế hoạch</th></tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const plan = r.planId;
                  return (
                    <tr key={r.unitId} data-testid="rollup-row" data-unit-id={r.unitId}>
                      <td data-label="Đơn vị"><b>{r.name}</b></td>
                      <td data-label="Đã hoàn thành / số nhiệm vụ" data-testid="rollup-ratio">{r.ratio}</td>
                      <td data-label="Tỷ lệ">
                        <span class="pct" data-testid="rollup-percent">{r.percent}</span>
                        <span class="meter" aria-hidden="true"><span style={{ width: `${Math.round(share(r) * 100)}%` }} /></span>
                      </td>
                      <td data-label="Kế hoạch">{plan ? <a class="btn sec small" href={planPath(plan)} data-testid="rollup-plan">Xem kế hoạch</a> : <span class="muted">chưa có kế hoạch</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr data-testid="rollup-total-row">
                  <th scope="row" data-label="Tổng cộng">Tổng cộng</th>
                  <td data-label="Đã hoàn thành / số nhiệm vụ">{rollup.total.ratio}</td>
                  <td data-label="Tỷ lệ">{rollup.total.percent}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          ) : search.trim() && rollup.unitCount
            ? <p class="muted" data-testid="rollup-none">Không có đơn vị nào có tên khớp “{search.trim()}”.</p>
            : <p class="muted">Chưa có đơn vị trực thuộc nào có kế hoạch năm {rollup.year}.</p>}
          <MoreRows list={list} noun="đơn vị" testid="rollup" />
        </>
      ) : null}
    </section>
  );
}
