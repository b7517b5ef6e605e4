import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZaloTokenError, ZaloUnreachable, ZnsClient } from '../../src/zalo/zns-client.js';
import { startZns } from '../support/zns.js';

/**
 * The ZNS client over node:http against real local servers: the fake of
 * Zalo's hosts for what Zalo documents, and a bare server for what a host
 * does when it misbehaves (5xx, not JSON, silence, nothing listening).
 */
describe('ZnsClient', () => {
  let zns: Awaited<ReturnType<typeof startZns>>;

  beforeAll(async () => {
    zns = await startZns({ dailyQuota: 1000 });
  });
  afterAll(() => zns.close());

  it('refreshes, sends a message with Vietnamese template data and reads the quota, as Zalo documents them', async () => {
    const client = new ZnsClient({ oauth: zns.url, api: zns.url });
    const pair = await client.refresh(zns.appId, zns.secretKey, zns.currentRefreshToken());
    expect(pair.accessToken).toEqual(expect.any(String));
    expect(pair.refreshToken).toBe(zns.currentRefreshToken());

    const r = await client.send(pair.accessToken, {
      phone: '84912345678', templateId: 'tpl-due', trackingId: 'a'.repeat(40),
      templateData: { ten_viec: 'Rà soát, đánh giá thủ tục hành chính — Phụ lục 03', han: '31/12/2026' },
    });
    expect(r).toEqual({ ok: true, msgId: expect.any(String), dailyQuota: 1000, remainingQuota: 999 });
    expect(zns.sent.at(-1)).toMatchObject({ phone: '84912345678', templateId: 'tpl-due', templateData: { ten_viec: 'Rà soát, đánh giá thủ tục hành chính — Phụ lục 03' } });
    await expect(client.quota(pair.accessToken)).resolves.toEqual({ ok: true, quota: { dailyQuota: 1000, remainingQuota: 999 } });
    expect(zns.violations).toEqual([]);
  });

  it("answers Zalo's own errors as results, and a refused refresh as ZaloTokenError", async () => {
    const client = new ZnsClient({ oauth: zns.url, api: zns.url });
    const pair = await client.refresh(zns.appId, zns.secretKey, zns.currentRefreshToken());
    zns.failNext('84911111111', -108);
    await expect(client.send(pair.accessToken, { phone: '84911111111', templateId: 'tpl-due', templateData: {}, trackingId: 'b'.repeat(40) }))
      .resolves.toMatchObject({ ok: false, error: -108 });
    await expect(client.refresh(zns.appId, 'khoa-sai', zns.currentRefreshToken())).rejects.toBeInstanceOf(ZaloTokenError);
  });

  it('sends many messages at once over a few kept-alive connections', async () => {
    const client = new ZnsClient({ oauth: zns.url, api: zns.url });
    const pair = await client.refresh(zns.appId, zns.secretKey, zns.currentRefreshToken());
    const before = zns.sent.length;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      client.send(pair.accessToken, { phone: '84912345678', templateId: 'tpl-due', templateData: { so: String(i) }, trackingId: `${i}`.padStart(40, '0') })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(zns.sent.length - before).toBe(200);
    expect(new Set(zns.sent.slice(before).map((s) => s.trackingId)).size).toBe(200);
  });

  describe('a host that misbehaves', () => {
    let server: Server;
    let base: string;
    let connections = 0;
    let answer: (req: IncomingMessage, res: ServerResponse) => void = () => {};

    beforeAll(async () => {
      server = createServer((req, res) => answer(req, res));
      server.on('connection', () => connections++);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const send = (client: ZnsClient) => client.send('token', { phone: '84912345678', templateId: 't', templateData: {}, trackingId: 'c'.repeat(40) });

    it('a 5xx answer is Zalo unreachable, in Vietnamese', async () => {
      answer = (_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad gateway</h1>');
      const e = await send(new ZnsClient({ oauth: base, api: base })).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ZaloUnreachable);
      expect((e as Error).message).toBe('Zalo trả lời lỗi 502');
    });

    it('an answer that is not JSON is Zalo unreachable', async () => {
      answer = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>bảo trì</html>');
      const e = await send(new ZnsClient({ oauth: base, api: base })).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ZaloUnreachable);
      expect((e as Error).message).toBe('Zalo trả lời không đúng định dạng (HTTP 200)');
    });

    it('a host that stays silent is given up after the timeout', async () => {
      answer = () => {}; // never answers
      const started = Date.now();
      const e = await send(new ZnsClient({ oauth: base, api: base }, 300)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ZaloUnreachable);
      expect((e as Error).message).toMatch(/^Zalo không trả lời \(/);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('nothing listening is Zalo unreachable', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const e = await send(new ZnsClient({ oauth: `http://127.0.0.1:${port}`, api: `http://127.0.0.1:${port}` })).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ZaloUnreachable);
      expect((e as Error).message).toMatch(/^Zalo không trả lời \(.*ECONNREFUSED/);
    });

    it('reuses its connections: 50 requests one after another open one', async () => {
      answer = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 0, data: { msg_id: 'm' } }));
      const client = new ZnsClient({ oauth: base, api: base });
      await send(client);
      const before = connections;
      for (let i = 0; i < 50; i++) await expect(send(client)).resolves.toMatchObject({ ok: true, msgId: 'm' });
      expect(connections - before).toBe(0);
    });
  });
});
