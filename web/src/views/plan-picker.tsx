import { PLAN_STATUS_LABELS } from '../server.js';
import type { PlanSummary } from '../types.js';

/** Chooses among the plans the signed-in person can see (only shown when there are several). */
export function PlanPicker(p: { plans: PlanSummary[]; value: number; onChange: (id: number) => void }) {
  if (p.plans.length < 2) return null;
  return (
    <div class="field picker no-print">
      <label for="plan-pick">Kế hoạch</label>
      <select id="plan-pick" data-testid="plan-select" value={String(p.value)} onChange={(e) => p.onChange(Number((e.currentTarget as HTMLSelectElement).value))}>
        {p.plans.map((x) => <option key={x.id} value={x.id}>{x.number} – {x.title} ({PLAN_STATUS_LABELS[x.status]})</option>)}
      </select>
    </div>
  );
}
