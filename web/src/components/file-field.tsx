import type { FormState } from './form.js';

/**
 * A file field whose words are the page's: the browser's own file button
 * speaks the browser's language, so it is hidden (still the labelled,
 * focusable control) and a button of ours stands in its place, with the name
 * of the chosen file beside it and the server's error for `file` below.
 * Its id is the form's `<prefix>-file`, for whoever reads the file on submit.
 */
export function FileField(p: {
  form: FormState<any>;
  label: string;
  accept: string;
  /** the chosen file's name, or '' */
  chosen: string;
  onChoose: (file: File | null) => void;
  testid: string;
  chosenTestid: string;
  name?: string;
}) {
  const id = `${p.form.idPrefix}-file`;
  const err = p.form.errors.file;
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      <input id={id} type="file" name={p.name} accept={p.accept} class="sr file" data-testid={p.testid}
        aria-describedby={[`${id}-name`, err ? `${id}-err` : ''].filter(Boolean).join(' ')} aria-invalid={!!err || undefined}
        onChange={(e) => p.onChoose((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
      <div class="filepick">
        <label for={id} class="btn sec" aria-hidden="true">Chọn tệp…</label>
        <span id={`${id}-name`} data-testid={p.chosenTestid}>{p.chosen || 'Chưa chọn tệp nào'}</span>
      </div>
      {err ? <small id={`${id}-err`} class="error" data-testid="error-file">{err}</small> : null}
    </div>
  );
}
