import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { Alert, Loading } from '../components/ui.js';
import { setQuery, useRoute } from '../router.js';
import { auditFieldLabel, formatVnDate, ROLE_LABELS, TASK_STATE_LABELS, PLAN_STATUS_LABELS, type Role } from '../server.js';
import { useSession } from '../session.js';
import {
  AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel, OFFICIAL_ROLE_LABELS, REMINDER_MODE_LABELS, REPORT_CUTOFF_LABELS,
} from './back-office.js';

interface Entry {
  id: number;
  at: string;
  actorKind: 'user' | 'system';
  actorName: string;
  unitId: number | null;
  entity: string;
  entityId: number;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

const PAGE = 50;

/** "2026-11-30T04:05:06Z" → "30/11/2026 11:05", Vietnam time, whatever the browser's zone. */
function vnDateTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${formatVnDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** A changed value in words: codes through the server's own labels, dates dd/mm/yyyy, yes/no; what has no words shows as "…". */
function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'string') {
    if (field === 'role') return ROLE_LABELS[v as Role] ?? OFFICIAL_ROLE_LABELS[v as keyof typeof OFFICIAL_ROLE_LABELS] ?? '…';
    if (field === 'reportCutoff') return REPORT_CUTOFF_LABELS[v as keyof typeof REPORT_CUTOFF_LABELS] ?? '…';
    if (field === 'reminderMode') return REMINDER_MODE_LABELS[v as keyof typeof REMINDER_MODE_LABELS] ?? '…';
    if (field === 'status') return PLAN_STATUS_LABELS[v as keyof typeof PLAN_STATUS_LABELS] ?? TASK_STATE_LABELS[v as keyof typeof TASK_STATE_LABELS] ?? '…';
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatVnDate(v);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return vnDateTime(v);
    return v;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.map((x) => show(field, x)).join(', ') : '…';
  return '…';
}


/** Nhật ký: the audit trail of the unit (the chairman) or of every unit (the administrator), newest first, fifty at a time. */
export function Audit() {
  const { me } = useSession();
  const route = useRoute();
  const entity = route.query.get('loai') ?? '';
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [end, setEnd] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const unitQuery = me?.unitId ? `&unitId=${me.unitId}` : '';
  const load = async (more: boolean) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const before = more && entries?.length ? `&beforeId=${entries[entries.length - 1].id}` : '';
      const page = await get<Entry[]>(`/audit?limit=${PAGE}${unitQuery}${entity ? `&entity=${entity}` : ''}${before}`);
      setEntries(more ? [...(entries ?? []), ...page] : page);
      setEnd(page.length < PAGE);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Không tải được nhật ký.');
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setEntries(null);
    void load(false);
  }, [entity]);
  if (!me) return null;
  return (
    <section class="card" aria-labelledby="audit-title" data-testid="audit">
      <h1 id="audit-title">Nhật ký thay đổi{me.unitName ? ` của ${me.unitName}` : ''}</h1>
      <form class="form inline no-print" aria-label="Lọc nhật ký" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="audit-entity">Loại</label>
          <select id="audit-entity" data-testid="audit-entity" value={entity} onChange={(e) => setQuery({ loai: (e.currentTarget as HTMLSelectElement).value || null })}>
            <option value="">Tất cả</option>
            {Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </div>
      </form>
      {error ? <Alert>{error}</Alert> : null}
      {!entries ? (error ? null : <Loading />) : entries.length === 0 ? <p class="muted">Chưa có thay đổi nào.</p> : (
        <ol class="entries" data-testid="audit-entries">
          {entries.map((e) => (
            <li key={e.id} data-testid="audit-entry" data-entity={e.entity}>
              <b>{vnDateTime(e.at)}</b> · {e.actorKind === 'system' ? 'Hệ thống' : e.actorName} · {auditActionLabel(e.action)} {auditEntityLabel(e.entity).toLowerCase()} số {e.entityId}
              {e.changes && Object.keys(e.changes).length ? (
                <ul class="changes">
                  {Object.entries(e.changes).map(([k, c]) => (
                    <li key={k}>{auditFieldLabel(k)}: {c.from === null || c.from === undefined ? '' : <><s>{show(k, c.from)}</s> → </>}{show(k, c.to)}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {entries && !end ? (
        <p class="more no-print"><button type="button" class="sec" disabled={busy} onClick={() => load(true)} data-testid="audit-more">Xem thêm</button></p>
      ) : null}
    </section>
  );
}
