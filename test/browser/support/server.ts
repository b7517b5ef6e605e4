import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { ADMIN, DEMO_PASSWORD, startApp, type Client, type TestApp } from '../../support/app.js';
import { DEMO_ACCOUNTS, launchBrowser, newContext, signInContext, type DemoRole, type Screen } from './browser.js';
import type { ViewIds } from './views.js';

/**
 * The real server for the browser tier: the application with the Hoằng Tiến
 * 2023 demo plan and its accounts, on its own database (E2E_DATABASE), its
 * built page served as in production, listening on a free port.
 */
export interface BrowserServer {
  t: TestApp;
  base: string;
  /** The API as one demo role (a Bearer token of its own). */
  api(role: DemoRole): Promise<Client>;
  /** A fresh browser context on `screen`, signed in as `role` (the page's cookie), nothing cached. */
  contextAs(browser: Browser, role: DemoRole, screen: Screen): Promise<BrowserContext>;
  close(): Promise<void>;
}

export const credentials = (role: DemoRole): { username: string; password: string } =>
  role === 'admin' ? ADMIN : { username: DEMO_ACCOUNTS[role], password: DEMO_PASSWORD };

/** env: more settings of the server (the Zalo hosts of a local fake, say). */
export async function startBrowserServer(opts: { env?: Record<string, string> } = {}): Promise<BrowserServer> {
  const t = await startApp({ demo: true, env: opts.env });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/`;
  const clients = new Map<DemoRole, Client>();
  const api = async (role: DemoRole) => {
    if (!clients.has(role)) {
      const { username, password } = credentials(role);
      clients.set(role, await t.login(username, password));
    }
    return clients.get(role)!;
  };
  return {
    t,
    base,
    api,
    contextAs: async (browser, role, screen) => {
      const context = await newContext(browser, screen);
      const { username, password } = credentials(role);
      await signInContext(context, base, username, password);
      return context;
    },
    close: () => t.close(),
  };
}

/** The demo plan, its first task, and a task the demo official leads. */
export async function demoIds(s: BrowserServer): Promise<ViewIds> {
  const chairman = await s.api('chairman');
  const official = await s.api('official');
  const plans = (await chairman.get('/api/plans').expect(200)).body;
  const plan = (await chairman.get(`/api/plans/${plans[0].id}`).expect(200)).body;
  const tasks: { id: number; assigneeId: number | null }[] = plan.phuLucs.flatMap((p: { tasks: unknown[] }) => p.tasks);
  return {
    planId: plans[0].id, unitId: plans[0].unitId, taskId: tasks[0].id,
    ownTaskId: tasks.find((t) => t.assigneeId === official.me.officialId)!.id,
  };
}

/**
 * The usual set-up of a browser test file: the server and Chromium started
 * before its tests and stopped after them. Read `s` and `browser` inside the tests.
 */
export function browserTier(): { s: BrowserServer; browser: Browser } {
  const tier = {} as { s: BrowserServer; browser: Browser };
  beforeAll(async () => {
    tier.s = await startBrowserServer();
    tier.browser = await launchBrowser();
  });
  afterAll(async () => {
    await tier.browser?.close();
    await tier.s?.close();
  });
  return tier;
}
