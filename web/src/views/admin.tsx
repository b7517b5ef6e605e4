import { get, post } from '../api.js';
import { Form, SelectField, Submit, TextField, useForm } from '../components/form.js';
import { Alert, DataTable, Loading, useData } from '../components/ui.js';
import { setQuery, useRoute } from '../router.js';
import { VIEW_PATHS } from '../server.js';
import { REPORT_CUTOFF_LABELS, type Unit } from './back-office.js';
import { UnitPeople } from './people.js';
import { ZaloAdmin } from './admin-zalo.js';

/**
 * Quản trị (the administrator): the units, each under its superior, a new
 * unit; for the unit chosen (?don-vi=<id>, so it can be bookmarked) its
 * officials and accounts, its chairman's included; the Zalo channel
 * (admin-zalo.tsx): each Official Account, its quota and month, a superior
 * unit's own settings.
 */
export function Admin() {
  const route = useRoute();
  const chosen = Number(route.query.get('don-vi')) || null;
  const units = useData(() => get<Unit[]>('/units'), []);
  const nameOf = (id: number | null) => (units.data ?? []).find((u) => u.id === id)?.name;
  const unit = (units.data ?? []).find((u) => u.id === chosen);
  return (
    <section class="card" aria-labelledby="admin-title" data-testid="admin">
      <h1 id="admin-title">Quản trị</h1>
      <h2>Đơn vị</h2>
      {units.error ? <Alert>{units.error}</Alert> : null}
      {!units.data && !units.error ? <Loading /> : null}
      {units.data ? (
        <DataTable testid="units" rows={units.data} rowKey={(u) => u.id} rowProps={(u) => ({ 'data-unit-id': u.id, class: u.id === chosen ? 'chosen' : undefined })}
          caption="Các đơn vị" empty="Chưa có đơn vị nào."
          columns={[
            { label: 'Đơn vị', cell: (u) => <a class="btn sec small" href={`${VIEW_PATHS.admin}?don-vi=${u.id}`} data-testid="unit-open" aria-current={u.id === chosen ? 'true' : undefined}>{u.name}</a> },
            { label: 'Cấp trên', cell: (u) => nameOf(u.parentId) ?? <span class="muted">không có</span> },
            { label: 'Kỳ báo cáo', cell: (u) => REPORT_CUTOFF_LABELS[u.reportCutoff] },
          ]} />
      ) : null}
      <NewUnit units={units.data ?? []} onDone={async (id) => { await units.reload(); setQuery({ 'don-vi': String(id) }); }} />
      {unit ? <UnitPeople key={unit.id} unitId={unit.id} unitName={unit.name} /> : units.data ? <p class="muted">Chọn một đơn vị để xem cán bộ và tài khoản.</p> : null}
      {units.data ? <ZaloAdmin units={units.data} /> : null}
    </section>
  );
}

function NewUnit(p: { units: Unit[]; onDone: (id: number) => Promise<void> }) {
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
          options={[{ value: '', label: '— Không có —' }, ...p.units.map((u) => ({ value: String(u.id), label: u.name }))]} />
        <SelectField form={f} name="reportCutoff" label="Ngày khóa số liệu báo cáo" testid="unit-cutoff"
          options={Object.entries(REPORT_CUTOFF_LABELS).map(([value, label]) => ({ value, label }))} />
        <div class="actions wide"><Submit form={f} testid="unit-submit">Thêm đơn vị</Submit></div>
      </Form>
    </details>
  );
}
