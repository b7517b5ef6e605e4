import { errorFor, type FieldProps } from './form.js';

/**
 * A check box with its label beside it, its hint and the error the server
 * gives for it. Its own module: only the back-office forms use it, and the
 * shared chunk every view loads stays as light as it was.
 */
export function CheckField(p: FieldProps & { disabled?: boolean }) {
  const id = `${p.form.idPrefix}-${p.name}`;
  const err = errorFor(p.form.errors, p.name);
  const describedBy = [p.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${p.wide ? ' wide' : ''}${err ? ' has-error' : ''}`}>
      <label class="check" for={id}>
        <input id={id} name={p.name} type="checkbox" checked={!!p.form.values[p.name]} disabled={p.disabled} data-testid={p.testid}
          aria-describedby={describedBy} aria-invalid={err ? true : undefined}
          onChange={(e) => p.form.set(p.name, (e.currentTarget as HTMLInputElement).checked)} />
        {p.label}
      </label>
      {p.hint ? <small id={`${id}-hint`} class="hint">{p.hint}</small> : null}
      {err ? <small id={`${id}-err`} class="error" data-testid={`error-${p.name}`}>{err}</small> : null}
    </div>
  );
}
