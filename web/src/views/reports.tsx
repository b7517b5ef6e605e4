import { useState } from 'preact/hooks';
import { ApiError, csrfToken, get, patch, post } from '../api.js';
import { Alert, DataTable, Loading, Notice, Pill, useData } from '../components/ui.js';
import { setQuery, useRoute } from '../router.js';
import { formatCount, formatVnDate, mayTake, todayLocal, VIEW_PATHS } from '../server.js';
import { useSession } from '../session.js';
import type { PlanSummary } from '../types.js';
import {
  ENTERED_ROWS, NARRATIVE_MAX_CHARS, NARRATIVE_SECTIONS, PERIOD_CODES, REPORT_LINE_STATUS_LABELS, reportPeriod, type PeriodCode, type ReportData, type ReportTaskLine, type Unit,
} from './back-office.js';

interface Version {
  id: number;
  planId: number;
  period: PeriodCode;
  year: number;
  version: number;
  cutoff: string;
  trigger: 'auto' | 'manual';
  generatedAt: string;
  generatedBy: string;
  ratio: string;
  percent: string;
  summary: string;
  status: 'draft' | 'final';
  revision: number;
  periodText: string;
  finalAt: string | null;
  finalizedBy: string | null;
}

interface Stored extends Version {
  data: ReportData & { narrative?: Record<string, string> };
}

/** The period a report is most likely wanted for: the last one whose cut-off has passed, else the first of the year. */
function likelyPeriod(year: number, cutoff: Unit['reportCutoff'], today: string): PeriodCode {
  const passed = (['Q1', 'Q2', 'Q3', 'Q4'] as PeriodCode[]).filter((c) => reportPeriod(c, year, cutoff).cutoff < today);
  return passed[passed.length - 1] ?? 'Q1';
}

/** "2026-11-30T04:05:06Z" → "30/11/2026 11:05", Vietnam time, whatever the browser's zone. */
function vnDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const local = d.toISOString();
  return `${formatVnDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/**
 * Báo cáo: the period and year (with the dates the unit's convention gives),
 * the figures and lists as they stand, the Phụ lục 01b rows entered by hand,
 * storing a version, the versions made, each downloaded as Word or Excel
 * (with progress) or opened to print. Period and year live in the address.
 */
export function Reports() {
  const { me } = useSession();
  const route = useRoute();
  const today = todayLocal();
  const plans = useData(() => get<PlanSummary[]>('/plans'), []);
  const unitId = me?.unitId ?? 0;
  const unit = useData(() => get<Unit>(`/units/${unitId}`), [unitId]);
  const plan = (plans.data ?? []).find((p) => p.id === Number(route.query.get('ke-hoach'))) ?? [...(plans.data ?? [])].sort((a, b) => b.year - a.year)[0];
  const year = Number(route.query.get('nam')) || plan?.year || Number(today.slice(0, 4));
  const cutoff = unit.data?.reportCutoff ?? 'ministry';
  const asked = route.query.get('ky');
  const period: PeriodCode = (PERIOD_CODES as readonly string[]).includes(asked ?? '') ? (asked as PeriodCode) : likelyPeriod(year, cutoff, today);
  const versions = useData(() => (plan ? get<Version[]>(`/plans/${plan.id}/reports`) : Promise.resolve([] as Version[])), [plan?.id]);
  const [preview, setPreview] = useState<ReportData | null>(null);
  const [previewError, setPreviewError] = useState('');
  const [busy, setBusy] = useState('');
  const [notice, setNotice] = useState('');
  const [annex, setAnnex] = useState<Record<string, string>>({});
  const [annexErrors, setAnnexErrors] = useState<Record<string, string>>({});
  if (!me) return null;
  const mayGenerate = mayTake(me.role, 'reports.generate');
  const p = reportPeriod(period, year, cutoff);

  const loadPreview = async () => {
    if (!plan || busy) return;
    setBusy('preview');
    setPreviewError('');
    try {
      setPreview(await get<ReportData>(`/plans/${plan.id}/reports/preview?period=${period}&year=${year}`));
    } catch (e) {
      setPreviewError(e instanceof Error ? e.message : 'Không xem trước được báo cáo.');
    } finally {
      setBusy('');
    }
  };

  const store = async () => {
    if (!plan || busy) return;
    const entries: { code: string; value: number | string | null }[] = [];
    const errs: Record<string, string> = {};
    for (const row of ENTERED_ROWS) {
      const text = (annex[row.code] ?? '').trim();
      if (!text) continue;
      const n = /^\d{1,3}(\.\d{3})*$|^\d+$/.test(text) ? Number(text.replace(/\./g, '')) : null;
      if (n === null && /^[\d.,\s-]+$/.test(text)) errs[row.code] = 'Số chưa đúng: chỉ gồm chữ số, ví dụ 1.237.';
      entries.push({ code: row.code, value: n ?? text });
    }
    setAnnexErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy('store');
    setNotice('');
    setPreviewError('');
    try {
      const r = await post<{ id: number; version: number }>(`/plans/${plan.id}/reports`, { period, year, annex: entries });
      await versions.reload();
      setNotice(`Đã lưu báo cáo ${p.titleText}, phiên bản ${formatCount(r.version)} (bản nháp): hãy viết các phần lời văn bên dưới.`);
      setQuery({ sua: String(r.id) });
    } catch (e) {
      setPreviewError(e instanceof Error ? e.message : 'Không lưu được báo cáo.');
    } finally {
      setBusy('');
    }
  };

  const editing = Number(route.query.get('sua')) || null;
  const ofPeriod = (versions.data ?? []).filter((v) => v.period === period && v.year === year);
  const others = (versions.data ?? []).filter((v) => !(v.period === period && v.year === year));
  return (
    <section class="card report-view" aria-labelledby="reports-title" data-testid="reports">
      <h1 id="reports-title">Báo cáo tiến độ cải cách hành chính</h1>
      {plans.error ? <Alert>{plans.error}</Alert> : null}
      {!plans.data || !unit.data ? <Loading /> : !plan ? <p class="muted">Đơn vị chưa có kế hoạch nào để báo cáo.</p> : (
        <>
          <p class="muted">{plan.title}</p>
          <form class="form inline no-print" aria-label="Chọn kỳ báo cáo" onSubmit={(e) => { e.preventDefault(); void loadPreview(); }}>
            <div class="field">
              <label for="report-period">Kỳ báo cáo</label>
              <select id="report-period" data-testid="report-period" value={period}
                onChange={(e) => { setPreview(null); setNotice(''); setQuery({ ky: (e.currentTarget as HTMLSelectElement).value }); }}>
                {PERIOD_CODES.map((c) => {
                  const q = reportPeriod(c, year, cutoff);
                  return <option key={c} value={c}>{q.label}: {formatVnDate(q.windowStart)} – {formatVnDate(q.cutoff)}</option>;
                })}
              </select>
            </div>
            <div class="field">
              <label for="report-year">Năm</label>
              <select id="report-year" data-testid="report-year" value={String(year)}
                onChange={(e) => { setPreview(null); setNotice(''); setQuery({ nam: (e.currentTarget as HTMLSelectElement).value }); }}>
                {[year - 1, year, year + 1].map((y) => <option key={y} value={String(y)}>{y}</option>)}
              </select>
            </div>
            <div class="actions wide">
              <button type="submit" disabled={!!busy} data-testid="report-preview">{busy === 'preview' ? <span class="spin" aria-hidden="true" /> : null}Xem số liệu</button>
              <button type="button" class="sec" disabled={!preview} onClick={() => window.print()} data-testid="report-print">In trang này</button>
            </div>
          </form>
          <p data-testid="report-dates">
            Báo cáo {p.titleText}: số liệu tính đến ngày <b>{formatVnDate(p.cutoff)}</b>; việc trong kỳ từ {formatVnDate(p.windowStart)} đến {formatVnDate(p.windowEnd)};
            kỳ tới từ {formatVnDate(p.nextWindowStart)} đến {formatVnDate(p.nextWindowEnd)}.
          </p>
          {previewError ? <Alert testid="report-error">{previewError}</Alert> : null}
          {notice ? <Notice testid="report-notice">{notice}</Notice> : null}
          {preview ? <Preview data={preview} /> : null}
          {mayGenerate ? (
            <details class="card sub no-print" data-testid="annex-entry">
              <summary>Các dòng nhập tay của Phụ lục 01b</summary>
              <div class="form inline">
                {ENTERED_ROWS.map((row) => {
                  const id = `annex-${row.code.replace(/\./g, '-')}`;
                  return (
                    <div class={`field${annexErrors[row.code] ? ' has-error' : ''}`} key={row.code}>
                      <label for={id}>{row.code}. {row.label}{row.unit ? ` (${row.unit.toLowerCase()})` : ''}</label>
                      <input id={id} data-testid={`annex-${row.code}`} inputMode="numeric" value={annex[row.code] ?? ''}
                        aria-invalid={annexErrors[row.code] ? true : undefined} aria-describedby={annexErrors[row.code] ? `${id}-err` : undefined}
                        onInput={(e) => setAnnex({ ...annex, [row.code]: (e.currentTarget as HTMLInputElement).value })} />
                      {annexErrors[row.code] ? <small id={`${id}-err`} class="error">{annexErrors[row.code]}</small> : null}
                    </div>
                  );
                })}
              </div>
            </details>
          ) : null}
          {mayGenerate ? (
            <div class="actions no-print">
              <button type="button" disabled={!!busy} onClick={store} data-testid="report-store">
                {busy === 'store' ? <span class="spin" aria-hidden="true" /> : null}Lưu phiên bản báo cáo {p.titleText}
              </button>
            </div>
          ) : null}
          {editing ? <Draft key={editing} id={editing} onChanged={versions.reload} /> : null}
          <h2>Các phiên bản đã lưu</h2>
          {versions.error ? <Alert>{versions.error}</Alert> : null}
          <VersionList rows={ofPeriod} empty={`Chưa có phiên bản nào của báo cáo ${p.titleText}.`} testid="versions" />
          {others.length ? (
            <details class="no-print">
              <summary>Các kỳ khác ({formatCount(others.length)} phiên bản)</summary>
              <VersionList rows={others} empty="" testid="versions-other" />
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

function VersionList(p: { rows: Version[]; empty: string; testid: string }) {
  const { me } = useSession();
  const mayEdit = !!me && mayTake(me.role, 'reports.edit');
  const withYear = (v: Version) => reportPeriod(v.period, v.year, 'ministry').titleText;
  return (
    <DataTable testid={p.testid} rows={p.rows} rowKey={(v) => v.id} rowProps={(v) => ({ 'data-report-id': v.id })} empty={p.empty} caption="Các phiên bản báo cáo"
      columns={[
        { label: 'Kỳ', cell: (v) => <span>Báo cáo {withYear(v)}</span> },
        { label: 'Phiên bản', cell: (v) => <span>{formatCount(v.version)} {v.status === 'final' ? <Pill kind="issued">Chính thức</Pill> : <Pill kind="draft">Bản nháp</Pill>}</span> },
        { label: 'Số liệu đến ngày', cell: (v) => formatVnDate(v.cutoff) },
        { label: 'Kết quả', cell: (v) => v.summary },
        { label: 'Người lập', cell: (v) => <span>{v.generatedBy}, {vnDateTime(v.generatedAt)}</span> },
        { label: 'Tải về', cell: (v) => (
          <div class="actions">
            <Download id={v.id} kind="docx" label="Word" />
            <Download id={v.id} kind="xlsx" label="Excel" />
            <a class="btn sec" href={`/api/reports/${v.id}.html`} target="_blank" rel="noopener" data-testid="report-html">Bản để in</a>
            {v.status === 'draft' && mayEdit ? <a class="btn sec" href={`${VIEW_PATHS.reports}?ky=${v.period}&nam=${v.year}&sua=${v.id}`} data-testid="report-edit">Viết lời văn</a> : null}
          </div>
        ) },
      ]} />
  );
}

/** Downloads an export with its progress shown; the file keeps the name the server gives it. */
function Download(p: { id: number; kind: 'docx' | 'xlsx'; label: string }) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState('');
  const run = async () => {
    if (progress !== null) return;
    setError('');
    setProgress('Đang chuẩn bị tệp…');
    try {
      const res = await fetch(`/api/reports/${p.id}.${p.kind}`, { credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken() } });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new ApiError((body as { message?: string }).message || `Máy chủ trả lỗi (mã ${res.status}).`, res.status);
      }
      const total = Number(res.headers.get('Content-Length')) || 0;
      const reader = res.body!.getReader();
      const parts: Uint8Array[] = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        got += value.length;
        setProgress(total ? `Đang tải ${Math.round((got * 100) / total)}%` : `Đang tải ${formatCount(Math.round(got / 1024))} KB`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `bao-cao.${p.kind}`;
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: res.headers.get('Content-Type') ?? undefined }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Không tải được tệp.');
    } finally {
      setProgress(null);
    }
  };
  return (
    <span class="download">
      <button type="button" class="sec" onClick={run} disabled={progress !== null} data-testid={`report-${p.kind}`} aria-describedby={`dl-${p.id}-${p.kind}`}>
        {progress !== null ? <span class="spin" aria-hidden="true" /> : null}{p.label}
      </button>
      <small id={`dl-${p.id}-${p.kind}`} role="status" class="muted" data-testid={`report-${p.kind}-progress`}>{progress ?? ''}</small>
      {error ? <small class="error" role="alert">{error}</small> : null}
    </span>
  );
}

function Lines(p: { title: string; rows: ReportTaskLine[]; testid: string }) {
  return (
    <details class="lines">
      <summary>{p.title} ({formatCount(p.rows.length)} nhiệm vụ)</summary>
      <DataTable testid={p.testid} rows={p.rows} rowKey={(l) => l.taskId} empty="Không có nhiệm vụ nào." caption={p.title} pageSize={50} printAll
        columns={[
          { label: 'Phụ lục, TT', class: 'tt', cell: (l) => `${l.phuLuc}.${l.ordinal}` },
          { label: 'Nội dung', cell: (l) => l.content },
          { label: 'Người chủ trì', cell: (l) => l.assigneeName ?? l.leadText },
          { label: 'Hạn', cell: (l) => (l.dueOn ? formatVnDate(l.dueOn) : l.deadlineText) },
          { label: 'Tình trạng', cell: (l) => <span>{REPORT_LINE_STATUS_LABELS[l.status]}{l.completedOn ? `, ngày ${formatVnDate(l.completedOn)}` : ''}</span> },
        ]} />
    </details>
  );
}

function Preview(p: { data: ReportData }) {
  const d = p.data;
  return (
    <div class="preview" data-testid="report-preview-body">
      <h2>Số liệu báo cáo {d.period.titleText}</h2>
      <p class="headline" data-testid="report-summary">{d.unit.name} {d.figures.summary}.</p>
      <ul class="figures">
        <li>Hoàn thành đúng hạn: <b>{formatCount(d.figures.completedOnTime)}</b></li>
        <li>Hoàn thành quá hạn: <b>{formatCount(d.figures.completedLate)}</b></li>
        <li>Chưa hoàn thành, còn trong hạn: <b>{formatCount(d.figures.notCompletedWithinDeadline)}</b></li>
        <li>Chưa hoàn thành, đã quá hạn: <b>{formatCount(d.figures.overdue)}</b></li>
      </ul>
      <DataTable testid="report-phu-lucs" rows={d.figures.phuLucs} rowKey={(r) => r.phuLuc} caption="Theo từng Phụ lục"
        columns={[
          { label: 'Phụ lục', class: 'tt', cell: (r) => r.phuLuc },
          { label: 'Lĩnh vực', cell: (r) => r.title },
          { label: 'Hoàn thành', cell: (r) => r.ratio },
          { label: 'Tỷ lệ', cell: (r) => r.percent },
        ]} />
      <Lines title="Hoàn thành trong kỳ" rows={d.lists.completedInPeriod} testid="report-completed" />
      <Lines title="Quá hạn, chưa hoàn thành" rows={d.lists.overdue} testid="report-overdue" />
      <Lines title="Chưa hoàn thành" rows={d.lists.notCompleted} testid="report-not-completed" />
      <Lines title="Đến hạn trong kỳ tới" rows={d.lists.dueNextPeriod} testid="report-next" />
    </div>
  );
}

/**
 * A draft being written: each narrative section of the report, the 01b rows
 * entered by hand, saved as a whole (the server keeps what was not sent);
 * the chairman or vice-chairman finalises it, after which it no longer changes.
 */
function Draft(p: { id: number; onChanged: () => Promise<void> }) {
  const { me } = useSession();
  const report = useData(() => get<Stored>(`/reports/${p.id}`), [p.id]);
  const [text, setText] = useState<Record<string, string> | null>(null);
  const [rows, setRows] = useState<Record<string, string> | null>(null);
  const [revision, setRevision] = useState(0);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  if (!me) return null;
  if (report.error) return <Alert>{report.error}</Alert>;
  if (!report.data) return <Loading />;
  const r = report.data;
  const narrative = text ?? { ...(r.data.narrative ?? {}) };
  const entered = rows ?? Object.fromEntries(r.data.annex01b.filter((a) => a.source === 'entered').map((a) => [a.code, a.value === null ? '' : typeof a.value === 'number' ? formatCount(a.value) : a.value]));
  const rev = revision || r.revision;
  const final = r.status === 'final';
  const act = (what: string, fn: () => Promise<Stored>, done: string) => async () => {
    if (busy) return;
    setBusy(what);
    setError('');
    setErrors({});
    setNotice('');
    try {
      const after = await fn();
      setRevision(after.revision);
      await Promise.all([report.reload(), p.onChanged()]);
      setText(null);
      setRows(null);
      setRevision(0);
      setNotice(done);
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setError(e instanceof Error ? e.message : 'Không lưu được.');
    } finally {
      setBusy('');
    }
  };
  const save = act('save', () => patch<Stored>(`/reports/${p.id}`, {
    narrative: Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s.key, (narrative[s.key] ?? '').trim() || null])),
    annex: ENTERED_ROWS.map((row) => {
      const v = (entered[row.code] ?? '').toString().trim();
      return { code: row.code, value: !v ? null : /^\d{1,3}(\.\d{3})*$|^\d+$/.test(v) ? Number(v.replace(/\./g, '')) : v };
    }),
    revision: rev,
  }), 'Đã lưu bản nháp.');
  const finalize = act('final', () => post<Stored>(`/reports/${p.id}/finalize`, { revision: rev }), 'Đã chốt: báo cáo này là bản chính thức, không sửa được nữa.');
  return (
    <section class="subcard" aria-labelledby="draft-title" data-testid="report-draft" data-status={r.status}>
      <h2 id="draft-title">Báo cáo {r.periodText}, phiên bản {formatCount(r.version)}: {final ? 'bản chính thức' : 'bản nháp'}</h2>
      {error ? <Alert testid="draft-error">{error}</Alert> : null}
      {notice ? <Notice testid="draft-notice">{notice}</Notice> : null}
      {final ? <p class="muted">Chốt bởi {r.finalizedBy}{r.finalAt ? `, ${vnDateTime(r.finalAt)}` : ''}.</p> : null}
      <div class="form">
        {NARRATIVE_SECTIONS.map((s) => {
          const id = `narrative-${s.key}`;
          const err = Object.entries(errors).find(([k]) => k.endsWith(s.key))?.[1];
          return (
            <div class={`field${err ? ' has-error' : ''}`} key={s.key}>
              <label for={id}>{s.label}</label>
              <textarea id={id} rows={4} maxLength={NARRATIVE_MAX_CHARS} readOnly={final} data-testid={id} value={narrative[s.key] ?? ''}
                aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-err` : undefined}
                onInput={(e) => setText({ ...narrative, [s.key]: (e.currentTarget as HTMLTextAreaElement).value })} />
              {err ? <small id={`${id}-err`} class="error">{err}</small> : null}
            </div>
          );
        })}
        <details>
          <summary>Các dòng nhập tay của Phụ lục 01b</summary>
          <div class="form inline">
            {ENTERED_ROWS.map((row) => {
              const id = `draft-annex-${row.code.replace(/\./g, '-')}`;
              return (
                <div class="field" key={row.code}>
                  <label for={id}>{row.code}. {row.label}{row.unit ? ` (${row.unit.toLowerCase()})` : ''}</label>
                  <input id={id} data-testid={`draft-annex-${row.code}`} inputMode="numeric" readOnly={final} value={entered[row.code] ?? ''}
                    onInput={(e) => setRows({ ...entered, [row.code]: (e.currentTarget as HTMLInputElement).value })} />
                </div>
              );
            })}
          </div>
        </details>
        {final ? null : (
          <div class="actions">
            <button type="button" disabled={!!busy} onClick={save} data-testid="draft-save">{busy === 'save' ? <span class="spin" aria-hidden="true" /> : null}Lưu bản nháp</button>
            {mayTake(me.role, 'reports.finalize') ? (
              <button type="button" class="sec" disabled={!!busy} onClick={finalize} data-testid="draft-finalize">{busy === 'final' ? <span class="spin" aria-hidden="true" /> : null}Chốt thành bản chính thức</button>
            ) : <span class="muted">Chủ tịch hoặc Phó Chủ tịch chốt bản chính thức.</span>}
          </div>
        )}
      </div>
    </section>
  );
}
