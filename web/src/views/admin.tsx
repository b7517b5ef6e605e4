import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { Form, SelectField, Submit, TextField, useForm } from '../components/form.js';
import { ALL_LOADED, MoreRows, SearchBox, usePaged } from '../components/paged.js';
import { Alert, DataTable, Loading, useData } from '../components/ui.js';
import { setQuery, useRoute } from '../router.js';
import { VIEW_PATHS } from '../server.js';
import type { UnitPage, UnitRow } from '../types.js';
import { REPORT_CUTOFF_LABELS, type Unit } from './back-office.js';
import { UnitPeople } from './people.js';
import { ZaloAdmin } from './admin-zalo.js';

/** Rows on opening, and more on each "Xem thêm". */
const FIRST = 15;
const STEP = 50;

type UnitSort = 'name-asc' | 'name-desc' | 'parent-asc' | 'parent-desc';

/**
 * Quản trị (the administrator): the units, a page at a time from the server,
 * searched by name or superior and sorted there, a new unit; for the unit
 * chosen (?don-vi=<id>, so it can be bookmarked) its officials and accounts,
 * its chairman's included; the Zalo channel (admin-zalo.tsx): each Official
 * Account, its quota and month, a superior unit's own settings.
 */
export function Admin() {
  const route = useRoute();
  const chosen = Number(route.query.get('don-vi')) || null;
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<UnitSort>('name-asc');
  const [key, dir] = sort.split('-');
  const units = usePaged<UnitRow>(`/units/page?sort=${key}&dir=${dir}${search.trim() ? `&q=${encodeURIComponent(search.trim())}` : ''}`, { first: FIRST, step: STEP });
  // the units with units beneath: a new unit's superior, a superior's own Zalo OA
  const superiors = useData(() => get<UnitPage>('/units/page?superiors=true&limit=100'), []);
  const unit = useData(() => (chosen ? get<Unit>(`/units/${chosen}`) : Promise.resolve(null)), [chosen]);
  const loaded = units.last !== undefined;
  return (
    <section class="card" aria-labelledby="admin-title" data-testid="admin">
      <h1 id="admin-title">Quản trị</h1>
      <h2>Đơn vị</h2>
      <form class="form inline no-print" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchBox id="units-q" label="Tìm đơn vị" testid="units-search" value={search} placeholder="Tên đơn vị hoặc đơn vị cấp trên" onInput={setSearch} />
        <div class="field">
          <label for="units-sort">Sắp xếp theo</label>
          <select id="units-sort" data-testid="units-sort" value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as UnitSort)}>
            <option value="name-asc">Tên đơn vị, A đến Z</option>
            <option value="name-desc">Tên đơn vị, Z đến A</option>
            <option value="parent-asc">Đơn vị cấp trên, A đến Z</option>
            <option value="parent-desc">Đơn vị cấp trên, Z đến A</option>
          </select>
        </div>
      </form>
      {units.error ? <Alert>{units.error}</Alert> : null}
      {!loaded && !units.error ? <Loading /> : null}
      {loaded ? (
        <>
          <p class="muted" data-testid="units-total">{search.trim() ? `${units.total} đơn vị khớp “${search.trim()}”.` : `${units.total} đơn vị.`}</p>
          <DataTable testid="units" rows={units.items} rowKey={(u) => u.id} pageSize={ALL_LOADED}
            rowProps={(u) => ({ 'data-unit-id': u.id, class: u.id === chosen ? 'chosen' : undefined })}
            caption="Các đơn vị" empty={search.trim() ? 'Không có đơn vị nào khớp.' : 'Chưa có đơn vị nào.'}
            columns={[
              { label: 'Đơn vị', cell: (u) => <a class="btn sec small" href={`${VIEW_PATHS.admin}?don-vi=${u.id}`} data-testid="unit-open" aria-current={u.id === chosen ? 'true' : undefined}>{u.name}</a> },
              { label: 'Cấp trên', cell: (u) => u.parentName ?? <span class="muted">không có</span> },
              { label: 'Kỳ báo cáo', cell: (u) => REPORT_CUTOFF_LABELS[u.reportCutoff] },
            ]} />
          <MoreRows list={units} noun="đơn vị" testid="units" />
        </>
      ) : null}
      <NewUnit parents={mergeUnits(superiors.data?.items ?? [], units.items)}
        onDone={async (id) => { await Promise.all([units.reload(), superiors.reload()]); setQuery({ 'don-vi': String(id) }); }} />
      {unit.data ? <UnitPeople key={unit.data.id} unitId={unit.data.id} unitName={unit.data.name} />
        : unit.error ? <Alert>{unit.error}</Alert> : loaded ? <p class="muted">Chọn một đơn vị để xem cán bộ và tài khoản.</p> : null}
      {superiors.data ? <ZaloAdmin superiors={superiors.data.items} /> : null}
    </section>
  );
}

/** The superiors, then the units of the list not among them, by name: who may be a new unit's superior. */
function mergeUnits(a: Unit[], b: Unit[]): Unit[] {
  const seen = new Set(a.map((u) => u.id));
  return [...a, ...b.filter((u) => !seen.has(u.id))].sort((x, y) => x.name.localeCompare(y.name, 'vi'));
}

function NewUnit(p: { parents: Unit[]; onDone: (id: number) => Promise<void> }) {
  const f = useForm({ name: '', parentId: '', reportCutoff: 'ministry' });
  return (
    <details class="subcard" data-testid="unit-add">
      <summary>Thêm đơn vị</summary>
      <Form form={f} class="form inline" label="Thêm đơn vị" onSubmit={async (v) => {
        const u = await post<Unit>('/units', { name: v.name, parentId: v.parentId ? Number(v.parentId) : null, reportCutoff: v.reportCutoff });
        f.reset({ name: '', parentId: v.parentId, reportCutoff: v.reportCutoff });
        await p.onDone(u.id);
        return `Đã thêm ${u.name}.`;
      }}>
        <TextField form={f} name="name" label="Tên đơn vị" testid="unit-name" hint="Ví dụ: UBND xã Hoằng Tiến" />
        <SelectField form={f} name="parentId" label="Đơn vị cấp trên" testid="unit-parent"
          hint="Các đơn vị đã có đơn vị trực thuộc và các đơn vị đang hiện trong danh sách; chưa thấy thì tìm ở ô Tìm đơn vị."
          options={[{ value: '', label: '— Không có —' }, ...p.parents.map((u) => ({ value: String(u.id), label: u.name }))]} />
        <SelectField form={f} name="reportCutoff" label="Ngày khóa số liệu báo cáo" testid="unit-cutoff"
          options={Object.entries(REPORT_CUTOFF_LABELS).map(([value, label]) => ({ value, label }))} />
        <div class="actions wide"><Submit form={f} testid="unit-submit">Thêm đơn vị</Submit></div>
      </Form>
    </details>
  );
}
