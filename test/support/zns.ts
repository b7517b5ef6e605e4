import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of the two Zalo hosts the reminders talk to, following the
 * documentation (developers.zalo.me: "Lấy access token từ refresh token",
 * "Gửi thông báo ZNS", "Lấy thông tin quota ZNS"):
 *
 * - POST /v4/oa/access_token (oauth.zaloapp.com): Content-Type
 *   application/x-www-form-urlencoded, header secret_key, form fields
 *   refresh_token, app_id, grant_type=refresh_token. Answers a new access token
 *   and a new refresh token; a refresh token works once.
 * - POST /message/template (business.openapi.zalo.me): header access_token,
 *   JSON body phone (84…), template_id, template_data (an object), tracking_id,
 *   optional mode "development". Answers { error: 0, message, data: { msg_id,
 *   sent_time, quota } } or { error: <negative code>, message }.
 * - GET /message/quota: header access_token; { error: 0, data: { dailyQuota, remainingQuota } }.
 *
 * Like Zalo's hosts, one server serves every app and Official Account: the
 * token endpoint tells them apart by app_id (and checks that app's secret_key),
 * the message endpoints by the access token. `startZns` starts the server with
 * one OA and answers its handles; `addOa` adds another OA (a province's) with
 * its own app, tokens, templates, quota and messages.
 *
 * A request that breaks the documented shape is answered with an error and
 * recorded in `violations`, which a test expects to stay empty. Tests can
 * expire an OA's access token, make its next sends fail with a code, or make
 * a send hang (a worker killed mid-send).
 */
export interface ZnsSent {
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId: string;
  mode: string | null;
  msgId: string;
}

export interface OaOptions {
  appId?: string;
  secretKey?: string;
  refreshToken?: string;
  dailyQuota?: number;
  templates?: string[];
}

interface Oa {
  appId: string;
  secretKey: string;
  refreshToken: string;
  accessToken: string | null;
  generation: number;
  dailyQuota: number;
  used: number;
  templates: Set<string>;
  sent: ZnsSent[];
  refreshes: { refreshToken: string; ok: boolean }[];
  /** Codes the next sends fail with, by phone ('*': any phone). */
  failures: Map<string, number[]>;
  hangNext: number;
  sendAttempts: number;
}

function handles(oa: Oa) {
  return {
    appId: oa.appId,
    secretKey: oa.secretKey,
    sent: oa.sent,
    refreshes: oa.refreshes,
    sendAttempts: () => oa.sendAttempts,
    /** The refresh token Zalo holds now (the one the app must present next). */
    currentRefreshToken: () => oa.refreshToken,
    /** The access token dies (a day went by): the next send is answered -124. */
    expireAccessToken() {
      oa.accessToken = `expired-${oa.appId}-${oa.generation}`;
    },
    /** Zalo no longer knows the refresh token the app holds (revoked in Zalo's console): the next refresh is refused. */
    revokeRefreshToken() {
      oa.refreshToken = `revoked-${oa.appId}-${oa.generation}`;
    },
    failNext(phone: string | '*', ...codes: number[]) {
      oa.failures.set(phone, [...(oa.failures.get(phone) ?? []), ...codes]);
    },
    hangNextSend(n = 1) {
      oa.hangNext += n;
    },
    setQuota(daily: number, usedSoFar = oa.used) {
      oa.dailyQuota = daily;
      oa.used = usedSoFar;
    },
  };
}

export type ZnsOa = ReturnType<typeof handles>;

export async function startZns(opts: OaOptions = {}) {
  const oas: Oa[] = [];
  const violations: string[] = [];
  const hanging: ServerResponse[] = [];
  const addOa = (o: OaOptions): ZnsOa => {
    const oa: Oa = {
      appId: o.appId ?? '1234567890123456789', secretKey: o.secretKey ?? 'khoa-bi-mat-cua-ung-dung', refreshToken: o.refreshToken ?? 'refresh-0',
      accessToken: null, generation: 0, dailyQuota: o.dailyQuota ?? 500, used: 0, templates: new Set(o.templates ?? []),
      sent: [], refreshes: [], failures: new Map(), hangNext: 0, sendAttempts: 0,
    };
    if (oas.some((x) => x.appId === oa.appId)) throw new Error(`the fake ZNS already has app ${oa.appId}`);
    oas.push(oa);
    return handles(oa);
  };
  const first = addOa(opts);

  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
  const violation = (res: ServerResponse, what: string) => {
    violations.push(what);
    json(res, { error: -132, message: `Invalid parameter: ${what}` });
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://zns.local');
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return violation(res, 'token: content-type');
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'refresh_token' || !form.get('app_id') || !form.get('refresh_token')) return violation(res, `token: form ${body}`);
      const oa = oas.find((x) => x.appId === form.get('app_id'));
      if (!oa) return json(res, { error: -14001, error_name: 'Invalid app_id', error_description: 'app_id không tồn tại' });
      if (req.headers.secret_key !== oa.secretKey) {
        oa.refreshes.push({ refreshToken: '', ok: false });
        return json(res, { error: -14002, error_name: 'Invalid secret key', error_description: 'secret_key không đúng' });
      }
      const given = form.get('refresh_token')!;
      if (given !== oa.refreshToken) {
        oa.refreshes.push({ refreshToken: given, ok: false });
        return json(res, { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token đã dùng hoặc không hợp lệ' });
      }
      oa.generation++;
      oa.refreshToken = `refresh-${oa.generation}`;
      oa.accessToken = `access-${oa.appId}-${oa.generation}`;
      oa.refreshes.push({ refreshToken: given, ok: true });
      return json(res, { access_token: oa.accessToken, refresh_token: oa.refreshToken, expires_in: '90000' });
    }
    if (url.pathname === '/message/template' || url.pathname === '/message/quota') {
      if (!req.headers.access_token) return violation(res, 'no access_token header');
      const oa = oas.find((x) => x.accessToken !== null && x.accessToken === req.headers.access_token);
      if (!oa) return json(res, { error: -124, message: 'Access token is invalid' });
      if (url.pathname === '/message/quota') {
        if (req.method !== 'GET') return violation(res, 'quota: method');
        return json(res, { error: 0, message: 'Success', data: { dailyQuota: String(oa.dailyQuota), remainingQuota: String(Math.max(0, oa.dailyQuota - oa.used)) } });
      }
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) return violation(res, 'send: method or content-type');
      let m: Record<string, unknown>;
      try {
        m = JSON.parse(body);
      } catch {
        return json(res, { error: -122, message: 'Body is not JSON' });
      }
      const extra = Object.keys(m).filter((k) => !['phone', 'template_id', 'template_data', 'tracking_id', 'mode'].includes(k));
      if (extra.length) return violation(res, `send: unknown fields ${extra.join(',')}`);
      if (typeof m.phone !== 'string' || !/^84\d{9}$/.test(m.phone)) return violation(res, `send: phone ${String(m.phone)}`);
      if (typeof m.template_id !== 'string' || !m.template_id) return violation(res, 'send: template_id');
      if (!m.template_data || typeof m.template_data !== 'object' || Object.values(m.template_data).some((v) => typeof v !== 'string' && typeof v !== 'number')) return violation(res, 'send: template_data');
      if (typeof m.tracking_id !== 'string' || !m.tracking_id || m.tracking_id.length > 48) return violation(res, `send: tracking_id ${String(m.tracking_id)}`);
      if (m.mode !== undefined && m.mode !== 'development') return violation(res, `send: mode ${String(m.mode)}`);
      oa.sendAttempts++;
      if (oa.hangNext > 0) {
        oa.hangNext--;
        hanging.push(res);
        return;
      }
      const queued = oa.failures.get(m.phone)?.length ? oa.failures.get(m.phone) : oa.failures.get('*');
      if (queued?.length) return json(res, { error: queued.shift(), message: 'failure asked by the test' });
      if (oa.templates.size && !oa.templates.has(m.template_id)) return json(res, { error: -109, message: 'Template id is invalid' });
      if (oa.used >= oa.dailyQuota) return json(res, { error: -144, message: 'OA exceeded daily quota' });
      oa.used++;
      const msgId = `msg-${oa.appId}-${oa.sent.length + 1}`;
      oa.sent.push({ phone: m.phone, templateId: m.template_id, templateData: m.template_data as Record<string, string>, trackingId: m.tracking_id, mode: (m.mode as string) ?? null, msgId });
      return json(res, { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: String(Date.now()), quota: { dailyQuota: String(oa.dailyQuota), remainingQuota: String(oa.dailyQuota - oa.used) } } });
    }
    json(res, { error: 404, message: 'not found' }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...first,
    url,
    violations,
    /** Another Official Account, with its own app, on the same hosts. */
    addOa,
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
