import { useEffect, useState } from 'preact/hooks';
import { post } from '../api.js';
import { vnDate } from '../data.js';
import type { ParsedDeadline as Parsed } from '../types.js';

/**
 * What the server understands of a deadline as it is typed (POST
 * /api/deadlines/parse, a moment after the last keystroke): the due dates,
 * or why it needs a person to look again.
 */
export function DeadlinePreview(p: { text: string; year: number }) {
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!p.text.trim()) {
      setParsed(null);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const r = await post<Parsed>('/deadlines/parse', { text: p.text, year: p.year });
        if (live) { setParsed(r); setError(''); }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : '');
      }
    }, 300);
    return () => { live = false; clearTimeout(timer); };
  }, [p.text, p.year]);
  if (error) return <p class="error" role="status">{error}</p>;
  if (!parsed) return null;
  return (
    <div class="parsed" role="status" aria-live="polite" data-testid="deadline-parsed">
      {parsed.items.length ? (
        <span>Hiểu là: {parsed.items.map((i) => (i.dueOn ? vnDate(i.dueOn) : 'chưa có ngày') + (i.label ? ` (${i.label})` : '')).join('; ')}</span>
      ) : <span>Chưa hiểu được ngày nào trong thời hạn này.</span>}
      {parsed.needsReview ? <span class="badge" data-testid="parsed-needs-review">Cần xem lại</span> : null}
      {parsed.notes.length ? <span class="muted"> {parsed.notes.join(' ')}</span> : null}
    </div>
  );
}
