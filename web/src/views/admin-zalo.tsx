import { api, get } from '../api.js';
import { Form, SelectField, Submit, TextField, useForm } from '../components/form.js';
import { Alert, DataTable, Loading, Pill, useData } from '../components/ui.js';
import { formatCount, formatVnDate, localDateOf } from '../server.js';
import type { ZaloAccountStatus, ZaloStatus, ZaloUnitSettings } from '../types.js';
import type { Unit } from './back-office.js';

const MODE_LABELS: Record<string, string> = { production: 'Chính thức', development: 'Thử nghiệm (chỉ quản trị viên OA nhận tin)' };
const TEMPLATE_FIELDS = [
  ['templateBefore', 'before', 'Mẫu tin nhắc trước hạn'],
  ['templateDue', 'due', 'Mẫu tin nhắc đến hạn'],
  ['templateOverdue', 'overdue', 'Mẫu tin nhắc quá hạn'],
  ['templateDigest', 'digest', 'Mẫu tin tổng hợp (gần hết hạn mức)'],
] as const;

const vnInstant = (iso: string | null) => (iso ? formatVnDate(localDateOf(new Date(iso))) : '');

function quotaText(a: ZaloAccountStatus): string {
  if (a.dailyQuota === null || a.remainingQuota === null) return 'Chưa rõ';
  const checked = a.quotaCheckedAt ? ` (ngày ${vnInstant(a.quotaCheckedAt)})` : '';
  return `Còn ${formatCount(a.remainingQuota)}/${formatCount(a.dailyQuota)} tin${checked}`;
}

/**
 * Kênh Zalo in Quản trị: every Official Account (the install's, and each
 * superior unit's own) up or down and why, today's quota and the month's
 * messages of the units it serves; the form of a superior unit's settings
 * (the secret key and refresh token are written, never shown); a new refresh
 * token for the install's own OA.
 */
/** superiors: the units with units beneath (GET /api/units/page?superiors=true). */
export function ZaloAdmin(p: { superiors: Unit[] }) {
  const status = useData(() => get<ZaloStatus>('/zalo'), []);
  const s = status.data;
  return (
    <section aria-labelledby="zalo-title" data-testid="zalo">
      <h2 id="zalo-title">Kênh Zalo</h2>
      {status.error ? <Alert>{status.error}</Alert> : null}
      {!s && !status.error ? <Loading /> : null}
      {s ? (
        <DataTable testid="zalo-accounts" rows={s.accounts} rowKey={(a) => a.scope} rowProps={(a) => ({ 'data-scope': a.scope })}
          caption={`Các Zalo OA: tình trạng, hạn mức hôm nay, số tin tháng ${s.month}`}
          empty="Chưa cấu hình Zalo: nhắc việc chỉ gửi trong ứng dụng và qua e-mail."
          columns={[
            { label: 'Zalo OA', cell: (a) => <><strong>{a.name}</strong><br /><small class="muted">{MODE_LABELS[a.mode]}</small></> },
            {
              label: 'Tình trạng', cell: (a) => (
                <>
                  <Pill kind={a.status === 'up' ? 'done' : 'overdue'} testid="zalo-state">{a.status === 'up' ? 'Đang gửi' : 'Ngừng, gửi e-mail thay'}</Pill>
                  {a.problem ? <><br /><small data-testid="zalo-problem">{a.problem}</small></> : null}
                </>
              ),
            },
            { label: 'Hạn mức hôm nay', cell: (a) => <span data-testid="zalo-quota">{quotaText(a)}</span> },
            {
              label: `Tin tháng ${s.month}`, cell: (a) => (a.units.length ? (
                <>
                  <ul class="counts" data-testid="zalo-month">
                    {a.units.map((u) => <li key={u.unitId}>{u.unitName}: {formatCount(u.sent)} tin{u.fellBack ? `, ${formatCount(u.fellBack)} gửi e-mail thay` : ''}</li>)}
                  </ul>
                  {a.unitCount > a.units.length ? (
                    <small class="muted" data-testid="zalo-month-more">
                      {`Đang hiện ${formatCount(a.units.length)} đơn vị gửi nhiều tin nhất trên ${formatCount(a.unitCount)} đơn vị; cả tháng: ${formatCount(a.sentTotal)} tin${a.fellBackTotal ? `, ${formatCount(a.fellBackTotal)} gửi e-mail thay` : ''}.`}
                    </small>
                  ) : null}
                </>
              ) : <span class="muted">Chưa có tin</span>),
            },
          ]} />
      ) : null}
      {s?.configured ? <InstallToken onDone={status.reload} /> : null}
      <UnitZalo superiors={p.superiors} onDone={status.reload} />
    </section>
  );
}

function InstallToken(p: { onDone: () => Promise<void> }) {
  const f = useForm({ refreshToken: '' });
  return (
    <details class="subcard" data-testid="zalo-install-token">
      <summary>Nhập mã làm mới khác cho Zalo OA chung của hệ thống</summary>
      <Form form={f} class="form inline" label="Mã làm mới cho Zalo OA chung" onSubmit={async (v) => {
        const r = await api<ZaloStatus>('PUT', '/zalo/refresh-token', { refreshToken: v.refreshToken });
        f.reset({ refreshToken: '' });
        await p.onDone();
        return r.status === 'up' ? 'Đã nhập mã làm mới; kênh Zalo đang gửi.' : `Đã nhập, nhưng kênh Zalo vẫn ngừng: ${r.problem ?? ''}`;
      }}>
        <TextField form={f} name="refreshToken" label="Mã làm mới (do Zalo cấp)" type="password" testid="zalo-install-refresh" input={{ autoComplete: 'off' }} />
        <div class="actions wide"><Submit form={f} testid="zalo-install-submit">Lưu mã làm mới</Submit></div>
      </Form>
    </details>
  );
}

const EMPTY = { unitId: '', appId: '', secretKey: '', refreshToken: '', templateBefore: '', templateDue: '', templateOverdue: '', templateDigest: '', mode: 'production' };

function UnitZalo(p: { superiors: Unit[]; onDone: () => Promise<void> }) {
  const f = useForm({ ...EMPTY });
  const unitId = Number(f.values.unitId) || null;
  const current = useData(() => (unitId ? get<ZaloUnitSettings>(`/zalo/units/${unitId}`) : Promise.resolve(null)), [unitId]);
  const c = current.data;
  const choose = async (id: string) => {
    const s = id ? await get<ZaloUnitSettings>(`/zalo/units/${id}`) : null;
    f.reset({
      ...EMPTY, unitId: id, appId: s?.appId ?? '', mode: s?.mode ?? 'production',
      templateBefore: s?.templates.before ?? '', templateDue: s?.templates.due ?? '', templateOverdue: s?.templates.overdue ?? '', templateDigest: s?.templates.digest ?? '',
    });
  };
  const superiors = p.superiors;
  return (
    <details class="subcard" data-testid="zalo-unit">
      <summary>Cấu hình Zalo riêng của đơn vị cấp trên</summary>
      <p class="muted">Các xã trực thuộc gửi nhắc việc qua Zalo OA của đơn vị cấp trên gần nhất có cấu hình; không có thì dùng cấu hình chung của hệ thống. Khóa bí mật và mã làm mới chỉ được ghi, không bao giờ hiện lại.</p>
      <div class="form inline">
        <div class="field">
          <label for="zalo-unit-pick">Đơn vị cấp trên</label>
          <select id="zalo-unit-pick" data-testid="zalo-unit-pick" value={f.values.unitId} onChange={(e) => void choose((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">— Chọn đơn vị —</option>
            {superiors.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
          </select>
        </div>
      </div>
      {unitId && current.error ? <Alert>{current.error}</Alert> : null}
      {unitId && c ? (
        <Form form={f} class="form inline" label="Cấu hình Zalo của đơn vị" testid="zalo-unit-form" onSubmit={async (v) => {
          const body: Record<string, string | null> = { appId: v.appId, mode: v.mode };
          for (const [field] of TEMPLATE_FIELDS) body[field] = v[field].trim() || null;
          if (v.secretKey) body.secretKey = v.secretKey;
          if (v.refreshToken) body.refreshToken = v.refreshToken;
          const saved = await api<ZaloUnitSettings>('PUT', `/zalo/units/${unitId}`, body);
          f.reset({ ...v, secretKey: '', refreshToken: '' });
          await Promise.all([current.reload(), p.onDone()]);
          return `Đã lưu cấu hình Zalo của ${saved.unitName}.`;
        }}>
          <p class="wide" data-testid="zalo-unit-state">
            {c.configured
              ? <>Đã có cấu hình riêng{c.updatedAt ? `, sửa ngày ${vnInstant(c.updatedAt)}` : ''}. Khóa bí mật: {c.secretKeySet ? 'đã khai báo' : 'chưa có'}; mã làm mới: {c.refreshTokenSet ? 'đã khai báo' : 'chưa có'}.</>
              : 'Chưa có cấu hình riêng: khai báo lần đầu cần đủ mã ứng dụng, khóa bí mật và mã làm mới.'}
          </p>
          <TextField form={f} name="appId" label="Mã ứng dụng Zalo" testid="zalo-app-id" input={{ inputMode: 'numeric', autoComplete: 'off' }} />
          <TextField form={f} name="secretKey" label="Khóa bí mật của ứng dụng" type="password" testid="zalo-secret" input={{ autoComplete: 'off' }}
            hint={c.secretKeySet ? 'Để trống để giữ khóa đã khai báo' : undefined} />
          <TextField form={f} name="refreshToken" label="Mã làm mới của Zalo OA (do Zalo cấp)" type="password" testid="zalo-refresh" input={{ autoComplete: 'off' }}
            hint={c.refreshTokenSet ? 'Để trống để giữ; nhập token mới khi kênh ngừng' : undefined} />
          {TEMPLATE_FIELDS.map(([name, , label]) => <TextField key={name} form={f} name={name} label={label} testid={`zalo-${name}`} input={{ autoComplete: 'off' }} />)}
          <SelectField form={f} name="mode" label="Chế độ gửi" testid="zalo-mode" options={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))} />
          <div class="actions wide">
            <Submit form={f} testid="zalo-unit-submit">Lưu cấu hình Zalo</Submit>
            {c.configured ? (
              <button type="button" class="btn sec" data-testid="zalo-unit-clear" onClick={async () => {
                if (!confirm(`Xóa cấu hình Zalo của ${c.unitName}? Các xã trực thuộc sẽ dùng cấu hình của cấp trên hoặc của hệ thống.`)) return;
                await api('DELETE', `/zalo/units/${unitId}`);
                await choose(String(unitId));
                await Promise.all([current.reload(), p.onDone()]);
              }}>Xóa cấu hình</button>
            ) : null}
          </div>
        </Form>
      ) : unitId ? <Loading /> : null}
    </details>
  );
}
