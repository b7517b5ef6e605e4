import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ROLE_LABELS } from '../../src/access/roles.js';
import { planPath, taskPath, VIEW_PATHS } from '../../src/common/web-paths.js';
import { reportPeriod } from '../../src/reports/periods.js';
import { formatVnDate, todayLocal } from '../../src/common/local-date.js';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, launchBrowser, screenshot, watch, type DemoRole, type Screen, type Watch } from './support/browser.js';
import { demoIds, startBrowserServer, type BrowserServer } from './support/server.js';
import type { ViewIds } from './support/views.js';
import { startZns } from '../support/zns.js';

/**
 * Each role's work done through the page, at 1366 px and at 360 px, against
 * the real server and the Hoằng Tiến 2023 demo plan: the administrator makes
 * a unit and its chairman's account; the chairman creates a plan by hand,
 * fixes a deadline, issues it and assigns its tasks; the viewer of the superior level reads
 * the rollup and opens a commune's plan; the reporter makes the Q2 report and
 * downloads it as Word. What the page shows is checked against the API's own
 * answers, and each flow's last screen goes through the checks every view does.
 */
describe("each role's flows at 1366 and 360 px", () => {
  let s: BrowserServer;
  let browser: Browser;
  let ids: ViewIds;
  let zns: Awaited<ReturnType<typeof startZns>>;
  const tid = (id: string) => `[data-testid="${id}"]`;

  beforeAll(async () => {
    // a local fake of Zalo's hosts, for the district's own Official Account set in Quản trị
    zns = await startZns({ dailyQuota: 2000 });
    s = await startBrowserServer({ env: { ZALO_OAUTH_URL: zns.url, ZALO_API_URL: zns.url } });
    browser = await launchBrowser();
    ids = await demoIds(s);
    // one task done in May 2023, so the figures are not all zero
    const chairman = await s.api('chairman');
    await chairman.post(`/api/tasks/${ids.ownTaskId}/complete`).send({ completedOn: '2023-05-10', evidence: 'Báo cáo số 12/BC-UBND' }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await zns?.close();
  });

  /** A signed-in page at `path` on `screen`, its errors watched from the first request. */
  const open = async (role: DemoRole, screen: Screen, path: string): Promise<{ page: Page; w: Watch; done: () => Promise<void> }> => {
    const context = await s.contextAs(browser, role, screen);
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(new URL(path, s.base).toString());
    await page.locator('main h1').first().waitFor();
    return { page, w, done: () => context.close() };
  };
  const finish = async (name: string, page: Page, w: Watch, screen: Screen) => {
    await screenshot(page, name, screen);
    expectNoProblems(`${name} (${screen.width} px)`, await auditPage(page, { screen, watch: w }));
  };

  for (const screen of BOTH_SCREENS) {
    it(`the administrator makes a unit and its chairman's account at ${screen.width} px`, async () => {
      const admin = await s.api('admin');
      const parent = (await admin.get('/api/units').expect(200)).body.find((u: { name: string }) => u.name === 'UBND huyện Hoằng Hóa');
      const unitName = `UBND xã Hoằng Thắng ${screen.width}`;
      const username = `chutich.hoangthang${screen.width}`;
      const { page, w, done } = await open('admin', screen, VIEW_PATHS.admin);
      try {
        await page.click(`${tid('unit-add')} summary`);
        await page.fill(tid('unit-name'), unitName);
        await page.selectOption(tid('unit-parent'), { label: parent.name });
        await page.click(tid('unit-submit'));
        await page.waitForURL(/\?don-vi=\d+$/);
        const unitId = Number(new URL(page.url()).searchParams.get('don-vi'));
        const unit = (await admin.get(`/api/units/${unitId}`).expect(200)).body;
        expect(unit).toMatchObject({ name: unitName, parentId: parent.id });
        await page.locator(`${tid('units')} [data-unit-id="${unitId}"]`).waitFor();
        await page.locator(tid('officials-empty')).waitFor();

        // its chairman, an official of the unit
        await page.click(`${tid('official-add')} summary`);
        await page.fill(tid('official-name'), 'Đỗ Văn Minh');
        await page.fill(tid('official-position'), 'Chủ tịch UBND xã');
        await page.selectOption(tid('official-role'), 'chairman');
        await page.fill(tid('official-email'), 'chutich@hoangthang.example');
        await page.click(tid('official-submit'));
        await page.locator(`${tid('officials')} tr:has-text("Đỗ Văn Minh")`).waitFor();
        const official = (await admin.get(`/api/officials?unitId=${unitId}`).expect(200)).body[0];
        expect(official).toMatchObject({ fullName: 'Đỗ Văn Minh', position: 'Chủ tịch UBND xã', role: 'chairman', email: 'chutich@hoangthang.example' });

        // the account, with a first password made in the browser and shown once
        await page.click(`${tid('account-add')} summary`);
        await page.fill(tid('account-username'), username);
        await page.selectOption(tid('account-role'), { label: ROLE_LABELS.chairman });
        await page.selectOption(tid('account-official'), String(official.id));
        await page.click(tid('account-submit'));
        const password = ((await page.locator(tid('password-value')).textContent()) ?? '').trim();
        expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
        await page.locator(`${tid('accounts')} [data-username="${username}"]`).waitFor();
        await finish('quan-tri-tao-don-vi', page, w, screen);

        // the new chairman signs in with it, and must choose a password of their own
        const chairman = await s.t.login(username, password);
        expect(chairman.me).toMatchObject({ role: 'chairman', unitId, officialId: official.id });
        expect((await chairman.get('/api/auth/me').expect(200)).body.mustChangePassword).toBe(true);

        // shown once: gone when hidden, and not there after a reload
        await page.click(tid('password-once-close'));
        expect(await page.locator(tid('password-once')).count()).toBe(0);
        await page.reload();
        await page.locator(`${tid('accounts')} [data-username="${username}"]`).waitFor();
        expect(await page.locator(tid('password-once')).count()).toBe(0);
      } finally {
        await done();
      }
    });

    it(`the administrator sets a district's own Zalo OA and sees it sending at ${screen.width} px`, async () => {
      const admin = await s.api('admin');
      const district = (await admin.get('/api/units').expect(200)).body.find((u: { name: string }) => u.name === 'UBND huyện Hoằng Hóa');
      const { page, w, done } = await open('admin', screen, VIEW_PATHS.admin);
      try {
        // no OA yet (the first screen): the section says reminders go in the app and by e-mail only
        await page.locator(`${tid('zalo-accounts')}, ${tid('zalo-accounts-empty')}`).first().waitFor();
        await page.click(`${tid('zalo-unit')} summary`);
        await page.selectOption(tid('zalo-unit-pick'), String(district.id));
        await page.locator(tid('zalo-unit-form')).waitFor();
        // the first time the form asks for all; the second (the other screen) keeps the secret key
        const first = !(await admin.get(`/api/zalo/units/${district.id}`).expect(200)).body.configured;
        await page.fill(tid('zalo-app-id'), zns.appId);
        if (first) await page.fill(tid('zalo-secret'), zns.secretKey);
        await page.fill(tid('zalo-refresh'), zns.currentRefreshToken());
        await page.fill(tid('zalo-templateDue'), `20100${screen.width}`);
        await page.selectOption(tid('zalo-mode'), 'development');
        await page.click(tid('zalo-unit-submit'));
        expect(await page.locator(tid('form-notice')).textContent()).toBe('Đã lưu cấu hình Zalo của UBND huyện Hoằng Hóa.');
        const saved = (await admin.get(`/api/zalo/units/${district.id}`).expect(200)).body;
        expect(saved).toMatchObject({ configured: true, appId: zns.appId, secretKeySet: true, refreshTokenSet: true, mode: 'development', templates: { due: `20100${screen.width}` } });
        // the secret is never put back into the page
        expect(await page.inputValue(tid('zalo-secret'))).toBe('');
        expect(await page.content()).not.toContain(zns.secretKey);
        // the OA's row: up, today's quota from the quota endpoint, in Vietnamese numbers
        const row = page.locator(`${tid('zalo-accounts')} [data-scope="unit:${district.id}"]`);
        await row.locator(tid('zalo-state')).filter({ hasText: 'Đang gửi' }).waitFor();
        expect(await row.locator(tid('zalo-quota')).textContent()).toMatch(/^Còn 2\.000\/2\.000 tin \(ngày \d{2}\/\d{2}\/\d{4}\)$/);
        expect(await page.locator(tid('zalo-unit-state')).textContent()).toMatch(/^Đã có cấu hình riêng, sửa ngày \d{2}\/\d{2}\/\d{4}\. Khóa bí mật: đã khai báo; mã làm mới: đã khai báo\.$/);
        await finish('quan-tri-zalo', page, w, screen);
      } finally {
        await done();
      }
    });

    it(`an official completes a task at ${screen.width} px, and the chairman's percentage changes`, async () => {
      const chairman = await s.api('chairman');
      const official = await s.api('official');
      const plan = (await chairman.get(`/api/plans/${ids.planId}`).expect(200)).body;
      type T = { id: number; assigneeId: number | null; status: string; dueDates: { completedOn: string | null }[] };
      // a task of theirs with one due date, still open: completing it completes the task
      const task: T = plan.phuLucs.flatMap((p: { tasks: T[] }) => p.tasks)
        .find((x: T) => x.assigneeId === official.me.officialId && x.id !== ids.ownTaskId && x.dueDates.length === 1 && !x.dueDates[0].completedOn);
      const before = (await chairman.get(`/api/plans/${ids.planId}/progress`).expect(200)).body;

      const { page, w, done } = await open('official', screen, VIEW_PATHS.myTasks);
      try {
        const card = page.locator(`${tid('task-row')}[data-task-id="${task.id}"]`);
        await card.locator(tid('complete-open')).click();
        await card.locator(tid('complete-date')).fill(formatVnDate(todayLocal()));
        await card.locator(tid('complete-evidence')).fill('Biên bản kiểm tra số 05/BB-UBND');
        await card.locator(tid('complete-submit')).click();
        await page.locator(tid('notice')).waitFor();
        await finish('viec-cua-toi-hoan-thanh', page, w, screen);
      } finally {
        await done();
      }
      const stored = (await official.get(`/api/tasks/${task.id}`).expect(200)).body;
      expect(stored.dueDates[0]).toMatchObject({ completedOn: todayLocal(), evidence: 'Biên bản kiểm tra số 05/BB-UBND' });
      const after = (await chairman.get(`/api/plans/${ids.planId}/progress`).expect(200)).body;
      expect(after.completed).toBe(before.completed + 1);

      // the chairman's overview says so
      const c = await open('chairman', screen, VIEW_PATHS.overview);
      try {
        await c.page.locator(tid('summary')).waitFor();
        expect(await text(c.page, tid('summary'))).toBe(after.summary);
        expect(after.summary).not.toBe(before.summary);
        // the plan criterion of the CCHC index, as the server scores it
        expect(await text(c.page, tid('cchc-text'))).toBe(after.cchcPoints.text);
        expect(after.cchcPoints.text).toMatch(/^Mức độ thực hiện kế hoạch CCHC: đạt [\d,]+% .*tự đánh giá \d\/2 điểm$/);
      } finally {
        await c.done();
      }
      // reopened, so the same task serves the other screen's run
      await chairman.post(`/api/tasks/${task.id}/reopen`).send({ reason: 'Kiểm thử trên màn hình khác' }).expect(200);
    });

    it(`the viewer reads the rollup and opens a commune's plan at ${screen.width} px`, async () => {
      const viewer = await s.api('viewer');
      const unitId = viewer.me.unitId!;
      const { page, w, done } = await open('viewer', screen, VIEW_PATHS.rollup);
      try {
        // the latest plan year, to its end: the API's own figures
        const year = (await api(viewer, `/api/units/${unitId}/progress?year=2023&asOf=2023-12-31`));
        await page.locator(tid('rollup-table')).waitFor();
        expect(await text(page, tid('rollup-total'))).toContain(year.total.summary);
        expect(year.total.summary).toBe('đã hoàn thành 1/34 nhiệm vụ, đạt 2,94% kế hoạch');
        const row = page.locator(`${tid('rollup-row')}[data-unit-id="${ids.unitId}"]`);
        const commune = year.units.find((u: { unitId: number }) => u.unitId === ids.unitId);
        expect(await text(row, tid('rollup-ratio'))).toBe(commune.ratio);
        expect(await text(row, tid('rollup-percent'))).toBe(commune.percent);

        // a period: Q1 2023 ends before the completion, Q2 takes it in
        const unit = (await viewer.get(`/api/units/${unitId}`).expect(200)).body;
        for (const [code, completed] of [['Q1', 0], ['Q2', 1]] as const) {
          const p = reportPeriod(code, 2023, unit.reportCutoff);
          await page.selectOption(tid('rollup-period'), code);
          await page.waitForURL(new RegExp(`ky=${code}`));
          const q = await api(viewer, `/api/units/${unitId}/progress?period=${code}&year=2023`);
          expect(q.total.completed).toBe(completed);
          await page.waitForFunction(([sel, s]) => ((globalThis as any).document.querySelector(sel)?.textContent ?? '').includes(s), [tid('rollup-total'), `đến ngày ${formatVnDate(p.cutoff)}`] as const);
          expect(await text(page, tid('rollup-total'))).toContain(q.total.summary);
        }
        // sorted by name
        await page.selectOption(tid('rollup-sort'), 'name-tang');
        expect(await page.locator(tid('rollup-row')).count()).toBe(year.units.length);
        await finish('cap-tren-quy-2', page, w, screen);

        // the commune's plan, read-only
        await page.click(`${tid('rollup-row')}[data-unit-id="${ids.unitId}"] ${tid('rollup-plan')}`);
        await page.waitForURL((u) => u.pathname === planPath(ids.planId));
        await page.locator(tid('plan-header')).waitFor();
        await page.locator(tid('task-row')).first().waitFor();
        expect(await page.locator(`${tid('task-edit')}, ${tid('task-add-open')}, ${tid('plan-edit')}`).count()).toBe(0);
      } finally {
        await done();
      }
    });

    it(`the reporter makes the Q2 report, writes a narrative section and downloads it as Word at ${screen.width} px`, async () => {
      const reporter = await s.api('reporter');
      const before = (await reporter.get(`/api/plans/${ids.planId}/reports`).expect(200)).body.length;
      const { page, w, done } = await open('reporter', screen, VIEW_PATHS.reports);
      try {
        const unit = (await reporter.get(`/api/units/${ids.unitId}`).expect(200)).body;
        const q2 = reportPeriod('Q2', 2023, unit.reportCutoff);
        await page.selectOption(tid('report-year'), '2023');
        await page.selectOption(tid('report-period'), 'Q2');
        await page.waitForURL(/ky=Q2/);
        expect(await text(page, tid('report-dates'))).toContain(`số liệu tính đến ngày ${formatVnDate(q2.cutoff)}`);

        // the figures as the API computes them
        await page.click(tid('report-preview'));
        await page.locator(tid('report-summary')).waitFor();
        const preview = await api(reporter, `/api/plans/${ids.planId}/reports/preview?period=Q2&year=2023`);
        expect(await text(page, tid('report-summary'))).toBe(`${preview.unit.name} ${preview.figures.summary}.`);
        expect(await page.locator(`${tid('report-completed')} tbody tr`).count()).toBe(preview.lists.completedInPeriod.length);

        // an entered row of Phụ lục 01b, and the version stored
        await page.click(`${tid('annex-entry')} summary`);
        await page.fill(tid('annex-3.3.1'), '1.237');
        await page.click(tid('report-store'));
        await page.locator(tid('report-notice')).waitFor();
        const versions = (await reporter.get(`/api/plans/${ids.planId}/reports`).expect(200)).body;
        expect(versions.length).toBe(before + 1);
        const mine = versions.find((v: { period: string; year: number; version: number }) => v.period === 'Q2' && v.year === 2023 && v.version === before + 1)
          ?? versions[0];
        const stored = (await reporter.get(`/api/reports/${mine.id}`).expect(200)).body;
        expect(stored.data.annex01b.find((r: { code: string }) => r.code === '3.3.1').value).toBe(1237);
        const row = page.locator(`${tid('versions')} [data-report-id="${mine.id}"]`);
        await row.waitFor();

        // the draft opens for its narrative: a section written and saved
        await page.waitForURL(new RegExp(`sua=${mine.id}`));
        await page.locator(tid('report-draft')).waitFor();
        const words = `Trong quý II, UBND xã ban hành 3 văn bản chỉ đạo cải cách hành chính (${screen.width}).`;
        await page.fill(tid('narrative-chiDaoDieuHanh'), words);
        expect(await page.locator(tid('draft-finalize')).count()).toBe(0); // the leaders finalise, not the reporter
        await page.click(tid('draft-save'));
        await page.locator(tid('draft-notice')).waitFor();
        const saved = (await reporter.get(`/api/reports/${mine.id}`).expect(200)).body;
        expect(saved.data.narrative.chiDaoDieuHanh).toBe(words);
        expect(saved.status).toBe('draft');
        expect((await reporter.get(`/api/reports/${mine.id}.html`).expect(200)).text).toContain(words);

        // the Word file, through the page
        const [download] = await Promise.all([page.waitForEvent('download'), row.locator(tid('report-docx')).click()]);
        expect(download.suggestedFilename()).toMatch(/\.docx$/);
        const file = readFileSync((await download.path())!);
        expect(file.subarray(0, 2).toString()).toBe('PK');
        expect(file.length).toBeGreaterThan(5000);
        await finish('bao-cao-quy-2', page, w, screen);
      } finally {
        await done();
      }
    });
  }

  // last, so that its newer plan does not change what the other flows read of the demo plan
  for (const screen of BOTH_SCREENS) {
    it(`the chairman creates a plan by hand with two tasks, fixes a deadline, issues it and assigns at ${screen.width} px`, async () => {
      const chairman = await s.api('chairman');
      const year = Number(todayLocal().slice(0, 4));
      const number = `${screen.width}/KH-UBND`;
      const officials: { id: number; fullName: string; active: boolean }[] = (await chairman.get(`/api/officials?unitId=${ids.unitId}`).expect(200)).body;
      const official = await s.api('official');
      const lead = officials.find((o) => o.id === official.me.officialId)!;
      const other = officials.find((o) => o.active && o.id !== lead.id && o.id !== chairman.me.officialId)!;
      const firstDue = `${year}-06-30`;
      const fixedDue = `${year}-11-15`;
      const parsed = (panel: ReturnType<Page['locator']>) => panel.locator(tid('deadline-parsed'));

      const { page, w, done } = await open('chairman', screen, VIEW_PATHS.plans);
      try {
        // the plan, a draft
        await page.fill(tid('plan-number'), number);
        await page.fill(tid('plan-title'), `Kế hoạch cải cách hành chính năm ${year} (${screen.width})`);
        await page.click(tid('plan-create-submit'));
        await page.waitForURL(/\/ke-hoach\/\d+$/);
        const planId = Number(new URL(page.url()).pathname.split('/').pop());
        expect(page.url()).toContain(planPath(planId));
        await page.locator(`${tid('plan-header')}[data-status="draft"]`).waitFor();

        // two tasks in Phụ lục I, the deadline understood as it is typed
        const section = page.locator(`${tid('phu-luc-section')}[data-phu-luc="1"]`);
        const addTask = async (content: string, deadline: string, expectReview: boolean, expectText: string) => {
          await section.locator(tid('task-add-open')).click();
          const panel = section.locator(tid('task-add-panel'));
          await panel.locator(tid('task-content-input')).fill(content);
          await panel.locator(tid('task-products')).fill('Kế hoạch của UBND xã');
          await panel.locator(tid('task-lead')).fill('Văn phòng - Thống kê');
          await panel.locator(tid('task-deadline')).fill(deadline);
          await parsed(panel).filter({ hasText: expectText }).waitFor();
          expect(await parsed(panel).locator(tid('parsed-needs-review')).count()).toBe(expectReview ? 1 : 0);
          await panel.locator(tid('task-save')).click();
          await section.locator(`${tid('task-row')}:has-text("${content}")`).waitFor();
        };
        await addTask('Rà soát, đơn giản hóa thủ tục hành chính', `Trước ngày 30/6/${year}`, false, formatVnDate(firstDue));
        await addTask('Tổ chức đối thoại với người dân về cải cách hành chính', `Trước tháng 11/${year}`, true, formatVnDate(`${year}-11-30`));
        const unclear = section.locator(`${tid('task-row')}:has-text("Tổ chức đối thoại")`);
        await unclear.locator(tid('needs-review')).waitFor();
        expect(await section.locator(tid('task-row')).count()).toBe(2);

        // the unclear deadline fixed: no longer to review
        await unclear.locator(tid('task-edit')).click();
        const edit = section.locator(tid('task-edit-panel'));
        await parsed(edit).locator(tid('parsed-needs-review')).waitFor();
        await edit.locator(tid('task-deadline')).fill(`Trước ngày 15/11/${year}`);
        await parsed(edit).filter({ hasText: formatVnDate(fixedDue) }).waitFor();
        expect(await parsed(edit).locator(tid('parsed-needs-review')).count()).toBe(0);
        await edit.locator(tid('task-save')).click();
        await edit.waitFor({ state: 'detached' });
        await unclear.filter({ hasText: formatVnDate(fixedDue) }).waitFor();
        expect(await section.locator(tid('needs-review')).count()).toBe(0);

        // issued, with its decision
        const decision = `Quyết định số ${screen.width}/QĐ-UBND ngày ${formatVnDate(todayLocal())}`;
        await page.fill(tid('issue-decision'), decision);
        await page.click(tid('plan-issue'));
        await page.locator(`${tid('plan-header')}[data-status="issued"]`).waitFor();
        expect(await text(page, tid('plan-decision-text'))).toBe(decision);

        // each task assigned from its own view
        const tasks: { id: number; content: string }[] = (await chairman.get(`/api/plans/${planId}`).expect(200)).body.phuLucs.flatMap((x: { tasks: unknown[] }) => x.tasks);
        for (const [content, who] of [['Rà soát', lead], ['Tổ chức đối thoại', other]] as const) {
          const task = tasks.find((x) => x.content.startsWith(content))!;
          await page.locator(`${tid('phu-luc-section')}[data-phu-luc="1"] ${tid('task-row')}[data-task-id="${task.id}"] ${tid('task-open')}`).click();
          await page.waitForURL((u) => u.pathname === taskPath(task.id));
          await page.selectOption(tid('assign-select'), String(who.id));
          await page.click(tid('assign-button'));
          await page.waitForFunction(([sel, name]) => ((globalThis as any).document.querySelector(sel)?.textContent ?? '').includes(name), [tid('task-assignee'), who.fullName] as const);
          await page.goBack();
          await page.locator(tid('plan-header')).waitFor();
        }
        await page.locator(`${tid('task-assignee')}:has-text("${other.fullName}")`).waitFor();
        await finish('ke-hoach-tao-moi', page, w, screen);

        // what the API says of it
        const plan = (await chairman.get(`/api/plans/${planId}`).expect(200)).body;
        expect(plan).toMatchObject({ number, year, status: 'issued', decision, issuedOn: todayLocal(), unitId: ids.unitId });
        type T = { content: string; deadlineText: string; assigneeId: number | null; dueDates: { dueOn: string | null }[]; schedule: { needsReview: boolean } };
        const stored: T[] = plan.phuLucs.flatMap((x: { tasks: T[] }) => x.tasks);
        expect(stored.map((x) => ({ content: x.content, deadlineText: x.deadlineText, assigneeId: x.assigneeId, due: x.dueDates.map((d) => d.dueOn), needsReview: x.schedule.needsReview }))).toEqual([
          { content: 'Rà soát, đơn giản hóa thủ tục hành chính', deadlineText: `Trước ngày 30/6/${year}`, assigneeId: lead.id, due: [firstDue], needsReview: false },
          { content: 'Tổ chức đối thoại với người dân về cải cách hành chính', deadlineText: `Trước ngày 15/11/${year}`, assigneeId: other.id, due: [fixedDue], needsReview: false },
        ]);
      } finally {
        await done();
      }
    });
  }

  const api = async (client: Awaited<ReturnType<BrowserServer['api']>>, path: string) => (await client.get(path).expect(200)).body;
  const text = async (scope: Page | ReturnType<Page['locator']>, selector: string) => ((await scope.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
});
