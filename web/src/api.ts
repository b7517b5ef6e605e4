/**
 * The API client: the session lives in an HttpOnly cookie the server sets at
 * sign-in; every change carries the anti-forgery token the server puts (and
 * renews) in the readable cookie cchc_csrf, as X-CSRF-Token.
 */

/** A refusal from the server, with each field's message (field name stripped) for the form to show beside it. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function csrfToken(): string {
  const m = /(?:^|;\s*)cchc_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

let onSignedOut: (message: string) => void = () => {};
/** Called when the server answers 401 to anything but signing in: the session is over. */
export function whenSignedOut(fn: (message: string) => void): void {
  onSignedOut = fn;
}

/** "completedOn: ngày hoàn thành…" → "Ngày hoàn thành…": the field is shown by its place, not its code. */
export function withoutField(message: string, field: string): string {
  const last = field.split(/[.[\]]/).filter(Boolean).pop() ?? field;
  const rest = message.replace(new RegExp(`^(${escapeRe(field)}|${escapeRe(last)}):\\s*`), '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface ErrorBody {
  message?: string;
  errors?: { field: string; message: string }[];
}

let active = 0;
const busyListeners = new Set<(n: number) => void>();
/** How many requests are under way: the progress bar listens. */
export function onBusy(fn: (n: number) => void): () => void {
  busyListeners.add(fn);
  return () => busyListeners.delete(fn);
}
function setActive(d: number) {
  active += d;
  busyListeners.forEach((f) => f(active));
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  // a FormData body (a file upload) sets its own multipart Content-Type
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  setActive(1);
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.', 0);
  } finally {
    setActive(-1);
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const b = (data ?? {}) as ErrorBody;
    const fields: Record<string, string> = {};
    for (const e of b.errors ?? []) fields[e.field] ??= withoutField(e.message, e.field);
    const message = b.errors?.length ? 'Dữ liệu chưa đúng, hãy xem lại các ô được đánh dấu.' : b.message || `Máy chủ trả lỗi (mã ${res.status}).`;
    const err = new ApiError(message, res.status, fields);
    if (res.status === 401 && path !== '/auth/login') onSignedOut(b.message ?? '');
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
/** A multipart upload: the form's fields and files, with the anti-forgery token like every change. */
export const upload = <T>(path: string, form: FormData) => api<T>('POST', path, form);
