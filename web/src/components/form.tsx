import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { formatVnDate, isLocalDate } from '../server.js';

/**
 * Forms: the values typed stay as typed whatever the server answers; each
 * error the server (or the page) gives for a field is shown beside that
 * field; a form cannot be submitted again while its request is under way.
 */

/** Errors found before asking the server, keyed by field like the server's. */
export class FieldErrors extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields)[0] ?? '');
  }
}

export interface FormState<T extends Record<string, string | boolean>> {
  values: T;
  set: <K extends keyof T>(name: K, value: T[K]) => void;
  reset: (values: T) => void;
  errors: Record<string, string>;
  error: string;
  notice: string;
  busy: boolean;
  idPrefix: string;
  submit: (fn: (values: T) => Promise<string | void>) => (e?: Event) => Promise<void>;
}

let formSeq = 0;

/** The error of a field: given by its exact name, or by the last part of a nested one ("dueDates[0].completedOn"). */
export function errorFor(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const k = Object.keys(errors).find((f) => f.split(/[.[\]]/).filter(Boolean).pop() === name);
  return k ? errors[k] : undefined;
}

export function useForm<T extends Record<string, string | boolean>>(initial: T): FormState<T> {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const idPrefix = useRef(`f${++formSeq}`).current;
  return {
    values, errors, error, notice, busy, idPrefix,
    set: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
      if (errors[name as string]) setErrors((e) => ({ ...e, [name as string]: '' }));
    },
    reset: (v) => {
      setValues(v);
      setErrors({});
      setError('');
    },
    submit: (fn) => async (e) => {
      e?.preventDefault();
      // a double click, or Enter pressed twice: the second one does nothing
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setErrors({});
      setError('');
      setNotice('');
      try {
        const done = await fn(values);
        if (done) setNotice(done);
      } catch (x) {
        if (x instanceof FieldErrors) {
          setErrors(x.fields);
        } else if (x instanceof ApiError) {
          setErrors(x.fields);
          setError(x.message);
        } else {
          setError(x instanceof Error && x.message ? x.message : 'Đã có lỗi, hãy thử lại.');
        }
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
  };
}

interface FormProps<T extends Record<string, string | boolean>> {
  form: FormState<T>;
  onSubmit: (values: T) => Promise<string | void>;
  children: ComponentChildren;
  class?: string;
  label?: string;
  testid?: string;
}

export function Form<T extends Record<string, string | boolean>>(p: FormProps<T>) {
  const { form } = p;
  const unplaced = Object.entries(form.errors).filter(([k, v]) => v && !document.getElementById(`${form.idPrefix}-${k.split(/[.[\]]/).filter(Boolean).pop()}`));
  return (
    <form class={p.class ?? 'form'} onSubmit={form.submit(p.onSubmit)} noValidate aria-label={p.label} data-testid={p.testid} aria-busy={form.busy}>
      {form.error || unplaced.length ? (
        <div class="msg alert" role="alert" data-testid="form-error">
          {form.error}
          {unplaced.map(([, v]) => <div key={v}>{v}</div>)}
        </div>
      ) : null}
      {form.notice ? <div class="msg ok" role="status" data-testid="form-notice">{form.notice}</div> : null}
      {p.children}
    </form>
  );
}

export interface FieldProps {
  form: FormState<any>;
  name: string;
  label: string;
  hint?: ComponentChildren;
  testid?: string;
  wide?: boolean;
}

function FieldShell(p: FieldProps & { children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren }) {
  const id = `${p.form.idPrefix}-${p.name}`;
  const err = errorFor(p.form.errors, p.name);
  const describedBy = [p.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${p.wide ? ' wide' : ''}${err ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.children({ id, describedBy, invalid: !!err })}
      {p.hint ? <small id={`${id}-hint`} class="hint">{p.hint}</small> : null}
      {err ? <small id={`${id}-err`} class="error" data-testid={`error-${p.name}`}>{err}</small> : null}
    </div>
  );
}

/** Extra attributes of the input (autocomplete, maxlength, inputmode…). */
type InputAttrs = Partial<Pick<InputHTMLAttributes<HTMLInputElement>,
  'autoComplete' | 'autoCapitalize' | 'spellcheck' | 'maxLength' | 'inputMode' | 'pattern' | 'placeholder' | 'class' | 'readOnly'>>;

export function TextField(p: FieldProps & { input?: InputAttrs; type?: 'text' | 'password' | 'email' | 'search' | 'tel' }) {
  return (
    <FieldShell {...p}>
      {({ id, describedBy, invalid }) => (
        <input id={id} name={p.name} type={(p.type ?? 'text') as 'text'} value={p.form.values[p.name] as string} data-testid={p.testid}
          aria-describedby={describedBy} aria-invalid={invalid || undefined}
          onInput={(e) => p.form.set(p.name, (e.currentTarget as HTMLInputElement).value)} {...p.input} />
      )}
    </FieldShell>
  );
}

export function TextArea(p: FieldProps & { rows?: number; maxLength?: number }) {
  return (
    <FieldShell {...p}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} name={p.name} rows={p.rows ?? 3} maxLength={p.maxLength} value={p.form.values[p.name] as string} data-testid={p.testid}
          aria-describedby={describedBy} aria-invalid={invalid || undefined}
          onInput={(e) => p.form.set(p.name, (e.currentTarget as HTMLTextAreaElement).value)} />
      )}
    </FieldShell>
  );
}

export function SelectField(p: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <FieldShell {...p}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={p.name} value={p.form.values[p.name] as string} data-testid={p.testid}
          aria-describedby={describedBy} aria-invalid={invalid || undefined}
          onChange={(e) => p.form.set(p.name, (e.currentTarget as HTMLSelectElement).value)}>
          {p.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </FieldShell>
  );
}

const VN_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

/** "5/3/2023" → "2023-03-05"; null when not a real day written dd/mm/yyyy. */
export function isoFromVn(text: string): string | null {
  const m = VN_DATE.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isLocalDate(iso) ? iso : null;
}

export function vnFromIso(iso: string | null | undefined): string {
  return iso ? formatVnDate(iso) : '';
}

/** The date a field holds, or a FieldErrors naming it; empty is allowed when optional. */
export function dateValue(field: string, text: string, opts: { optional?: boolean; label?: string } = {}): string | null {
  if (!text.trim()) {
    if (opts.optional) return null;
    throw new FieldErrors({ [field]: `Hãy nhập ${opts.label ?? 'ngày'} (ngày/tháng/năm, ví dụ 05/03/2023).` });
  }
  const iso = isoFromVn(text);
  if (!iso) throw new FieldErrors({ [field]: 'Ngày chưa đúng: hãy viết ngày/tháng/năm, ví dụ 05/03/2023.' });
  return iso;
}

/**
 * A date typed as dd/mm/yyyy whatever the browser's language: a text field
 * with a pattern, not type=date (which follows the browser's locale).
 */
export function DateField(p: FieldProps) {
  return (
    <TextField {...p} hint={p.hint ?? 'ngày/tháng/năm, ví dụ 05/03/2023'}
      input={{ inputMode: 'numeric', pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', placeholder: '__/__/____', autoComplete: 'off', maxLength: 10, class: 'date' }} />
  );
}

/** A submit button that says it is working and cannot be pressed twice. */
export function Submit(p: { form: FormState<any>; children: ComponentChildren; testid?: string; class?: string }) {
  return (
    <button type="submit" class={p.class} disabled={p.form.busy} aria-disabled={p.form.busy} data-testid={p.testid}>
      {p.form.busy ? <span class="spin" aria-hidden="true" /> : null}
      {p.children}
    </button>
  );
}
