/**
 * A thin typed client of the Zalo APIs the reminders use, over fetch:
 * - POST {oauth}/v4/oa/access_token: a new access token (about 25 hours) and a new
 *   refresh token (single use) for the refresh token, app id and secret key;
 * - POST {api}/message/template: one ZNS message, by phone number and template;
 * - GET {api}/message/quota: the OA's daily quota and what is left of it.
 * The base URLs come from the configuration, so tests point them at a local fake.
 */
export interface ZnsUrls {
  oauth: string;
  api: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

export interface ZnsMessage {
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
  /** development: only the OA's administrators receive (trials). */
  development?: boolean;
}

export type SendResult =
  | { ok: true; msgId: string; dailyQuota: number | null; remainingQuota: number | null }
  | { ok: false; error: number; message: string };

export interface Quota {
  dailyQuota: number;
  remainingQuota: number;
}

/** The token endpoint refused (its error, in Zalo's words) or answered nonsense. */
export class ZaloTokenError extends Error {
  constructor(readonly code: number | null, readonly detail: string) {
    super(`refresh refused: ${code ?? '?'} ${detail}`);
  }
}

/** Zalo did not answer (network, 5xx, not JSON): worth trying again later. */
export class ZaloUnreachable extends Error {}

const TIMEOUT_MS = 10_000;

async function call(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new ZaloUnreachable(`Zalo không trả lời (${(e as Error).message})`);
  }
  if (res.status >= 500) throw new ZaloUnreachable(`Zalo trả lời lỗi ${res.status}`);
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    throw new ZaloUnreachable(`Zalo trả lời không đúng định dạng (HTTP ${res.status})`);
  }
}

const num = (v: unknown): number | null => (v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? null : Number(v));

export class ZnsClient {
  constructor(private readonly urls: ZnsUrls) {}

  async refresh(appId: string, secretKey: string, refreshToken: string): Promise<TokenPair> {
    const body = new URLSearchParams({ refresh_token: refreshToken, app_id: appId, grant_type: 'refresh_token' });
    const r = await call(`${this.urls.oauth}/v4/oa/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: secretKey },
      body: body.toString(),
    });
    if (typeof r.access_token !== 'string' || typeof r.refresh_token !== 'string') {
      throw new ZaloTokenError(num(r.error), String(r.error_description ?? r.error_name ?? r.message ?? 'không rõ'));
    }
    return { accessToken: r.access_token, refreshToken: r.refresh_token, expiresIn: num(r.expires_in) ?? 90_000 };
  }

  async send(accessToken: string, m: ZnsMessage): Promise<SendResult> {
    const r = await call(`${this.urls.api}/message/template`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', access_token: accessToken },
      body: JSON.stringify({
        ...(m.development ? { mode: 'development' } : {}),
        phone: m.phone, template_id: m.templateId, template_data: m.templateData, tracking_id: m.trackingId,
      }),
    });
    const error = num(r.error) ?? -1;
    if (error !== 0) return { ok: false, error, message: String(r.message ?? '') };
    const data = (r.data ?? {}) as Record<string, unknown>;
    const quota = (data.quota ?? {}) as Record<string, unknown>;
    return { ok: true, msgId: String(data.msg_id ?? ''), dailyQuota: num(quota.dailyQuota), remainingQuota: num(quota.remainingQuota) };
  }

  async quota(accessToken: string): Promise<{ ok: true; quota: Quota } | { ok: false; error: number }> {
    const r = await call(`${this.urls.api}/message/quota`, { method: 'GET', headers: { access_token: accessToken } });
    const error = num(r.error) ?? -1;
    if (error !== 0) return { ok: false, error };
    const data = (r.data ?? {}) as Record<string, unknown>;
    return { ok: true, quota: { dailyQuota: num(data.dailyQuota) ?? 0, remainingQuota: num(data.remainingQuota) ?? 0 } };
  }
}
