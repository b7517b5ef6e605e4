import { useState } from 'preact/hooks';
import { ApiError, csrfToken, get, post, withoutField } from '../api.js';
import { FieldErrors, Form, SelectField, Submit, TextArea, TextField, useForm } from '../components/form.js';
import { FileField } from '../components/file-field.js';
import { Alert, DataTable, useData } from '../components/ui.js';
import { phuLucName, vnDate } from '../data.js';
import { navigate } from '../router.js';
import { formatCount, planPath } from '../server.js';
import { may, useSession } from '../session.js';
import type { components } from '../api/schema.js';

type S = components['schemas'];
type Answer = S['PlanImportAnswerDto'];
type PreviewTask = S['PreviewTaskDto'];
type Problem = S['ProblemDto'];
/** The row fields and their column titles come with the preview (PlanPreviewDto.fields). */
type Field = S['PreviewFieldDto']['field'];
type Fields = S['PreviewFieldDto'][];

const ACCEPT = '.docx,.doc,.xlsx,.csv';
/**
 * Sends the file as multipart/form-data with XMLHttpRequest, whose upload
 * reports its progress (fetch does not); the anti-forgery header as the API client sends it.
 */
function upload(form: FormData, onProgress: (pct: number) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', '/api/plans/import');
    x.setRequestHeader('Accept', 'application/json');
    x.setRequestHeader('X-CSRF-Token', csrfToken());
    x.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    x.onerror = () => reject(new ApiError('Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.', 0));
    x.onload = () => {
      let body: { message?: string; errors?: { field: string; message: string }[] } | null = null;
      try { body = JSON.parse(x.responseText); } catch { body = null; }
      if (x.status >= 200 && x.status < 300 && body) return resolve(body as unknown as Answer);
      // the reason is shown beside the field it is about (the file, the year, the unit), as the API client does
      const fields: Record<string, string> = {};
      for (const e of body?.errors ?? []) fields[e.field] ??= withoutField(e.message, e.field);
      const message = body?.errors?.length ? 'Tệp chưa nhập được, hãy xem lý do bên dưới ô được đánh dấu.' : body?.message || `Máy chủ trả lỗi (mã ${x.status}).`;
      reject(new ApiError(message, x.status, fields));
    };
    x.send(form);
  });
}

/** /nhap-ke-hoach: a plan read from the commune's Word/Excel file, previewed, corrected, then saved. */
export function ImportPlan() {
  const [answer, setAnswer] = useState<Answer | null>(null);
  if (!may('plans.import')) return <Alert>Chỉ Chủ tịch UBND và quản trị viên được nhập kế hoạch từ tệp.</Alert>;
  return answer ? <Preview answer={answer} again={() => setAnswer(null)} /> : <Pick done={setAnswer} />;
}

function Pick(p: { done: (a: Answer) => void }) {
  const { me } = useSession();
  const units = useData(async () => (me?.unitId ? [] : get<{ id: number; name: string }[]>('/units')), [me?.unitId]);
  const f = useForm({ year: '', unitId: '' });
  const [file, setFile] = useState<File | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  return (
    <section class="card" aria-labelledby="imp-title" data-testid="import-pick">
      <h1 id="imp-title">Nhập kế hoạch từ tệp</h1>
      <p>Chọn tệp kế hoạch của đơn vị: Word (.docx, .doc), Excel (.xlsx) hoặc .csv. Các bảng Phụ lục được đọc và hiện ra để kiểm tra; chưa có gì được lưu cho đến khi bấm xác nhận.</p>
      <p><a href="/api/plans/import/template.xlsx" download class="btn sec" data-testid="import-template">Tải tệp Excel mẫu</a></p>
      <Form form={f} class="form" testid="import-form" label="Chọn tệp kế hoạch" onSubmit={async (v) => {
        if (!file) throw new FieldErrors({ file: 'Hãy chọn tệp kế hoạch (.docx, .doc, .xlsx hoặc .csv).' });
        const year = v.year.trim();
        if (year && !/^\d{4}$/.test(year)) throw new FieldErrors({ year: 'Năm phải là số có 4 chữ số, ví dụ 2023.' });
        if (!me?.unitId && !v.unitId) throw new FieldErrors({ unitId: 'Hãy chọn đơn vị nhận kế hoạch.' });
        const body = new FormData();
        body.append('file', file, file.name);
        if (year) body.append('year', year);
        if (!me?.unitId) body.append('unitId', v.unitId);
        body.append('dryRun', 'true');
        setPct(0);
        try {
          p.done(await upload(body, setPct));
        } finally {
          setPct(null);
        }
      }}>
        <FileField form={f} label="Tệp kế hoạch" accept={ACCEPT} chosen={file?.name ?? ''} onChoose={setFile} testid="import-file" chosenTestid="import-file-name" />
        <TextField form={f} name="year" label="Năm kế hoạch" testid="import-year" hint="Bỏ trống để đọc từ văn bản" input={{ inputMode: 'numeric', maxLength: 4, class: 'short' }} />
        {!me?.unitId ? (
          <SelectField form={f} name="unitId" label="Đơn vị nhận kế hoạch" testid="import-unit"
            options={[{ value: '', label: 'Chọn đơn vị' }, ...(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))]} />
        ) : null}
        {pct !== null ? (
          <div class="field" data-testid="import-progress">
            <label for={`${f.idPrefix}-pg`}>{pct < 100 ? `Đang gửi tệp: ${formatCount(pct)}%` : 'Đang đọc tệp…'}</label>
            <progress id={`${f.idPrefix}-pg`} max={100} value={pct < 100 ? pct : undefined} />
          </div>
        ) : null}
        <div class="actions"><Submit form={f} testid="import-upload">Đọc tệp và xem trước</Submit></div>
      </Form>
    </section>
  );
}

interface Fix { drop?: boolean; values?: Partial<Record<Field, string>> }

function Preview(p: { answer: Answer; again: () => void }) {
  const { answer } = p;
  const pv = answer.preview;
  const h = pv.header;
  const [fixes, setFixes] = useState<Record<string, Fix>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const f = useForm({ number: h.number ?? '', title: h.title ?? '', year: h.year ? String(h.year) : '', decision: h.decision ?? '' });
  const errors = pv.problems.filter((x) => x.severity === 'error');
  const warnings = pv.problems.filter((x) => x.severity === 'warning');
  const general = pv.problems.filter((x) => !x.key || !pv.phuLucs.some((pl) => pl.tasks.some((t) => t.key === x.key)));
  const dropped = Object.values(fixes).filter((x) => x.drop).length;
  const setFix = (key: string, fix: Fix) => setFixes((all) => ({ ...all, [key]: { ...all[key], ...fix } }));
  return (
    <>
      <section class="card" aria-labelledby="pv-title" data-testid="import-preview">
        <h1 id="pv-title">Xem trước kế hoạch từ tệp</h1>
        <p>Tệp <strong>{answer.fileName}</strong>: {formatCount(pv.taskCount)} nhiệm vụ trong {formatCount(pv.phuLucs.length)} phụ lục.
          {answer.expiresAt ? <> Bản xem trước được giữ đến {localTime(answer.expiresAt)}.</> : null}</p>
        <p data-testid="import-summary" class={errors.length ? 'msg alert' : warnings.length ? 'msg warn' : 'msg ok'}>
          {errors.length ? `${formatCount(errors.length)} lỗi phải sửa hoặc bỏ dòng trước khi lưu` : 'Không có lỗi'}
          {`; ${formatCount(warnings.length)} cảnh báo cần xem lại.`}
          {dropped ? ` Đã bỏ ${formatCount(dropped)} dòng.` : ''}
        </p>
        {general.length ? (
          <ul class="problems" data-testid="import-general-problems">
            {general.map((x, i) => <li key={i} class={`problem p-${x.severity}`}>{placeOf(x)}{x.message}</li>)}
          </ul>
        ) : null}
        <Form form={f} class="form" testid="import-confirm-form" label="Xác nhận và lưu kế hoạch" onSubmit={async (v) => {
          const year = Number(v.year);
          if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new FieldErrors({ year: 'Năm phải là số từ 2000 đến 2100.' });
          const missing: Record<string, string> = {};
          if (!v.number.trim()) missing.number = 'Hãy nhập số kế hoạch, ví dụ 08/KH-UBND.';
          if (!v.title.trim()) missing.title = 'Hãy nhập tên kế hoạch.';
          if (Object.keys(missing).length) throw new FieldErrors(missing);
          const header: S['HeaderCorrectionDto'] = {};
          if (v.number.trim() !== (h.number ?? '')) header.number = v.number.trim();
          if (v.title.trim() !== (h.title ?? '')) header.title = v.title.trim();
          if (year !== h.year) header.year = year;
          if (v.decision.trim() !== (h.decision ?? '')) header.decision = v.decision.trim() || null;
          const corrections: S['RowCorrectionDto'][] = [];
          for (const [key, fix] of Object.entries(fixes)) {
            if (fix.drop) corrections.push({ key, drop: true });
            else for (const [field, value] of Object.entries(fix.values ?? {})) corrections.push({ key, field: field as Field, value });
          }
          const saved = await post<Answer>(`/plans/import/${answer.token}/confirm`, { header, corrections });
          if (saved.planId) navigate(planPath(saved.planId));
        }}>
          <h2>Thông tin kế hoạch</h2>
          <TextField form={f} name="number" label="Số kế hoạch" testid="import-number" input={{ maxLength: 100 }} />
          <TextField form={f} name="title" label="Tên kế hoạch" testid="import-title" input={{ maxLength: 500 }} />
          <TextField form={f} name="year" label="Năm" testid="import-plan-year" input={{ inputMode: 'numeric', maxLength: 4, class: 'short' }} />
          <TextArea form={f} name="decision" label="Quyết định ban hành" testid="import-decision" rows={2} maxLength={1000} />
          <div class="actions">
            <Submit form={f} testid="import-confirm">Xác nhận và lưu kế hoạch (dự thảo)</Submit>
            <button type="button" class="sec" data-testid="import-again" onClick={p.again}>Chọn tệp khác</button>
          </div>
        </Form>
      </section>
      {pv.phuLucs.map((pl) => (
        <section key={pl.number} class="card phuluc" aria-labelledby={`ipl-${pl.number}`} data-testid="import-phu-luc" data-phu-luc={pl.number}>
          <h2 id={`ipl-${pl.number}`}>{phuLucName(pl.number)}. {pl.title}</h2>
          {pl.heading ? <p class="muted pre">{pl.heading}</p> : null}
          <DataTable rows={pl.tasks} rowKey={(t) => t.key} caption={`${phuLucName(pl.number)}: nhiệm vụ đọc từ tệp`} empty="Không đọc được nhiệm vụ nào trong phụ lục này."
            rowProps={(t) => {
              const mine = pv.problems.filter((x) => x.key === t.key);
              const cls = fixes[t.key]?.drop ? 'dropped' : mine.some((x) => x.severity === 'error') ? 'row-error' : mine.length ? 'row-warning' : '';
              return { 'data-testid': 'import-row', 'data-key': t.key, 'data-problems': mine.length, class: cls || undefined };
            }}
            columns={[
              ...pv.fields.map((c) => ({
                label: c.label, class: c.field === 'ordinalText' ? 'tt' : c.field === 'content' ? 'c-content' : 'c-mid',
                cell: (t: PreviewTask) => <Cell task={t} field={c.field} fix={fixes[t.key]} problems={pv.problems} />,
              })),
              { label: 'Thao tác', srOnly: true, class: 'c-actions', cell: (t: PreviewTask) => (
                <div class="actions">
                  {fixes[t.key]?.drop ? (
                    <button type="button" class="sec small" data-testid="import-keep" onClick={() => setFix(t.key, { drop: false })}>Giữ lại dòng</button>
                  ) : (
                    <>
                      <button type="button" class="sec small" data-testid="import-edit" aria-expanded={editing === t.key} onClick={() => setEditing(editing === t.key ? null : t.key)}>Sửa</button>
                      <button type="button" class="danger small" data-testid="import-drop" aria-label={`Bỏ dòng TT ${t.ordinalText} của ${phuLucName(pl.number)}`} onClick={() => { setFix(t.key, { drop: true }); setEditing(null); }}>Bỏ dòng</button>
                    </>
                  )}
                </div>
              ) },
            ]} />
          {editing && pl.tasks.some((t) => t.key === editing) ? (
            <RowEditor key={editing} fields={pv.fields} task={pl.tasks.find((t) => t.key === editing)!} fix={fixes[editing]}
              save={(values) => { setFix(editing, { values }); setEditing(null); }} cancel={() => setEditing(null)} />
          ) : null}
        </section>
      ))}
    </>
  );
}

/** "2026-11-30T15:25:00Z" → "22:25 ngày 30/11/2026", at the commune's time. */
function localTime(iso: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

function placeOf(x: Problem): string {
  const parts = [
    x.phuLuc ? phuLucName(x.phuLuc) : '',
    x.table ? `bảng ${x.table}` : '',
    x.row ? `dòng ${x.row}` : '',
    x.column ? `cột “${x.column}”` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

function Cell(p: { task: PreviewTask; field: Field; fix?: Fix; problems: Problem[] }) {
  const { task: t, field } = p;
  const corrected = p.fix?.values?.[field];
  const text = corrected ?? t[field];
  // a problem about the whole row shows beside its content
  const mine = p.problems.filter((x) => x.key === t.key && (x.field ?? 'content') === field);
  return (
    <div class={mine.length ? `cell-problem p-${mine.some((x) => x.severity === 'error') ? 'error' : 'warning'}` : undefined} data-testid={mine.length ? 'import-cell-problem' : undefined} data-field={field}>
      <span class="pre">{text || '—'}</span>
      {corrected !== undefined ? <div><span class="badge" data-testid="import-corrected">Đã sửa</span></div> : null}
      {field === 'deadlineText' && corrected === undefined && t.deadline.dueDates.length ? <div class="muted">Hạn: {t.deadline.dueDates.map(vnDate).join(', ')}</div> : null}
      {field === 'leadText' && corrected === undefined ? (
        <div class="muted">{t.lead.officialName ? `Giao cho: ${t.lead.officialName}${t.lead.position ? ` (${t.lead.position})` : ''}` : 'Chưa khớp cán bộ nào'}</div>
      ) : null}
      {mine.map((x, i) => <div key={i} class={`problem p-${x.severity}`} role="note">{x.severity === 'error' ? 'Lỗi: ' : 'Cần xem lại: '}{x.message}</div>)}
    </div>
  );
}

function RowEditor(p: { fields: Fields; task: PreviewTask; fix?: Fix; save: (v: Partial<Record<Field, string>>) => void; cancel: () => void }) {
  const t = p.task;
  const init = Object.fromEntries(p.fields.map((c) => [c.field, p.fix?.values?.[c.field] ?? t[c.field]])) as Record<Field, string>;
  const f = useForm(init);
  return (
    <div class="subcard" data-testid="import-row-editor">
      <h3>Sửa dòng TT {t.ordinalText} (bảng {t.table}, dòng {t.row})</h3>
      <Form form={f} class="form" label="Sửa dòng" onSubmit={async (v) => {
        const changed: Partial<Record<Field, string>> = {};
        for (const c of p.fields) if (v[c.field] !== t[c.field]) changed[c.field] = v[c.field];
        p.save(changed);
        return 'Đã ghi nhận; bản sửa được lưu khi xác nhận kế hoạch.';
      }}>
        {p.fields.map((c) => c.field === 'ordinalText'
          ? <TextField key={c.field} form={f} name={c.field} label={c.label} testid={`import-fix-${c.field}`} input={{ maxLength: 20, class: 'short' }} />
          : <TextArea key={c.field} form={f} name={c.field} label={c.label} testid={`import-fix-${c.field}`} rows={2} />)}
        <div class="actions">
          <Submit form={f} testid="import-fix-save">Ghi nhận sửa</Submit>
          <button type="button" class="sec" onClick={p.cancel}>Thôi</button>
        </div>
      </Form>
    </div>
  );
}
