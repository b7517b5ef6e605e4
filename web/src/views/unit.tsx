import { get, patch } from '../api.js';
import { FieldErrors, Form, SelectField, Submit, TextField, useForm } from '../components/form.js';
import { Alert, Loading, useData } from '../components/ui.js';
import { formatCount } from '../server.js';
import { useSession } from '../session.js';
import { DEFAULT_REMINDER_SETTINGS, REPORT_CUTOFF_LABELS, type Unit } from './back-office.js';
import { UnitPeople } from './people.js';

/** Đơn vị (the chairman): the unit's reminder settings and report cut-off convention, its officials and their accounts. */
export function UnitView() {
  const { me } = useSession();
  const unitId = me?.unitId ?? 0;
  const unit = useData(() => get<Unit>(`/units/${unitId}`), [unitId]);
  if (!me) return null;
  return (
    <section class="card" aria-labelledby="unit-title" data-testid="unit">
      <h1 id="unit-title">{me.unitName ?? 'Đơn vị'}</h1>
      {unit.error ? <Alert>{unit.error}</Alert> : !unit.data ? <Loading /> : <Settings unit={unit.data} onDone={unit.reload} />}
      <UnitPeople unitId={unitId} unitName={me.unitName ?? ''} />
    </section>
  );
}

function settingsValues(u: Unit) {
  const offsets = u.reminderOffsets ?? DEFAULT_REMINDER_SETTINGS.offsetsDays;
  return { reminderOffsets: offsets.join(', '), reminderTime: u.reminderTime, overdueEveryDays: String(u.overdueEveryDays), reportCutoff: u.reportCutoff as string };
}

function Settings(p: { unit: Unit; onDone: () => Promise<void> }) {
  const u = p.unit;
  const f = useForm(settingsValues(u));
  return (
    <details class="subcard" data-testid="unit-settings" open>
      <summary>Nhắc việc và kỳ báo cáo</summary>
      <Form form={f} class="form inline" label="Cài đặt của đơn vị" onSubmit={async (v) => {
        const errs: Record<string, string> = {};
        const days = v.reminderOffsets.split(/[,;\s]+/).filter(Boolean);
        if (days.some((d) => !/^\d{1,2}$/.test(d))) errs.reminderOffsets = 'Hãy ghi các số ngày, cách nhau bằng dấu phẩy, ví dụ 7, 1, 0.';
        if (!/^\d{1,2}:\d{2}$/.test(v.reminderTime.trim())) errs.reminderTime = 'Hãy ghi giờ theo dạng giờ:phút, ví dụ 07:30.';
        if (!/^\d{1,2}$/.test(v.overdueEveryDays.trim())) errs.overdueEveryDays = 'Hãy ghi một số ngày, ví dụ 7.';
        if (Object.keys(errs).length) throw new FieldErrors(errs);
        const [h, m] = v.reminderTime.trim().split(':');
        const saved = await patch<Unit>(`/units/${u.id}/settings`, {
          reminderOffsets: days.map(Number), reminderTime: `${h.padStart(2, '0')}:${m}`, overdueEveryDays: Number(v.overdueEveryDays),
          reportCutoff: v.reportCutoff, version: u.version,
        });
        // the form stays (and says so), showing what the server stored
        f.reset(settingsValues(saved));
        await p.onDone();
        return 'Đã lưu cài đặt của đơn vị.';
      }}>
        <TextField form={f} name="reminderOffsets" label="Nhắc trước hạn (số ngày)" testid="unit-offsets"
          hint={`Cách nhau bằng dấu phẩy; 0 là đúng ngày hạn. Mặc định ${DEFAULT_REMINDER_SETTINGS.offsetsDays.join(', ')}.`} input={{ inputMode: 'numeric' }} />
        <TextField form={f} name="reminderTime" label="Giờ gửi nhắc việc" testid="unit-time" hint="Giờ Việt Nam, ví dụ 07:30." input={{ inputMode: 'numeric', maxLength: 5 }} />
        <TextField form={f} name="overdueEveryDays" label="Nhắc việc quá hạn mỗi (ngày)" testid="unit-overdue"
          hint={`Mặc định ${formatCount(DEFAULT_REMINDER_SETTINGS.overdueEveryDays)} ngày.`} input={{ inputMode: 'numeric', maxLength: 2 }} />
        <SelectField form={f} name="reportCutoff" label="Ngày khóa số liệu báo cáo" testid="unit-cutoff" wide
          options={Object.entries(REPORT_CUTOFF_LABELS).map(([value, label]) => ({ value, label }))} />
        <div class="actions wide"><Submit form={f} testid="unit-settings-submit">Lưu cài đặt</Submit></div>
      </Form>
    </details>
  );
}
