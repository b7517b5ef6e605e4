import type { Page } from 'playwright-core';
import { ROLE_LABELS } from '../../src/access/roles.js';
import { VIEW_PATHS } from '../../src/common/web-paths.js';
import { auditPage, expectNoProblems } from './support/audit.js';
import { BOTH_SCREENS, screenshot, takeRefused, watch } from './support/browser.js';
import { browserTier } from './support/server.js';

/**
 * The chairman's Đơn vị view, driven through its forms at 1366 and 360 px:
 * an official added with an e-mail, a mobile number (checked by the server,
 * stored as 84…) and the reminder channels, then edited; an account given to
 * them, locked and unlocked; the unit's reminder settings and report cut-off
 * convention saved. The server's refusals are shown beside their fields in
 * Vietnamese with what was typed kept, and a double click submits once.
 */
describe('the chairman\'s Đơn vị view', () => {
  const tier = browserTier();
  const tid = (id: string) => `[data-testid="${id}"]`;

  const fieldError = async (page: Page, scope: string, name: string) => (await page.locator(`${scope} ${tid(`error-${name}`)}`).innerText()).trim();

  for (const screen of BOTH_SCREENS) {
    it(`officials, accounts, reminder settings and the report cut-off at ${screen.width} px`, async () => {
      const { s, browser } = tier;
      const chairman = await s.api('chairman');
      const unitId = chairman.me.unitId as number;
      const name = `Lê Thị Hoa ${screen.width}`;
      const username = `hoa.${screen.width}`;
      const phoneDigits = screen.width === 1366 ? '0912345678' : '0387654321';
      const phoneTyped = screen.width === 1366 ? '0912 345 678' : '+84 387.654.321';
      const phoneStored = `84${phoneDigits.slice(1)}`;
      const phoneShown = `${phoneDigits.slice(0, 4)} ${phoneDigits.slice(4, 7)} ${phoneDigits.slice(7)}`;
      const officialsNamed = async () =>
        ((await chairman.get(`/api/officials?unitId=${unitId}`).expect(200)).body as { id: number; fullName: string; version: number }[]).filter((o) => o.fullName === name);

      const context = await s.contextAs(browser, 'chairman', screen);
      const page = await context.newPage();
      const w = watch(page);
      try {
        await page.goto(new URL(VIEW_PATHS.unit, s.base).toString());
        await page.locator(tid('unit-settings')).waitFor();
        await page.locator(`${tid('officials')} tbody tr`).first().waitFor();

        // ---- an official: a wrong number is refused by the server beside its field, what was typed stays
        const add = tid('official-add');
        await page.click(`${add} summary`);
        await page.fill(`${add} ${tid('official-name')}`, name);
        await page.fill(`${add} ${tid('official-position')}`, 'Công chức Văn hóa – Xã hội');
        await page.fill(`${add} ${tid('official-email')}`, 'hoa@hoangtien.example');
        await page.fill(`${add} ${tid('official-phone')}`, '0212 345 678');
        await page.check(`${add} ${tid('official-notify-zalo')}`);
        await page.click(`${add} ${tid('official-submit')}`);
        await page.locator(`${add} ${tid('error-phone')}`).waitFor();
        expect(await fieldError(page, add, 'phone')).toBe('Số điện thoại di động không hợp lệ (10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)');
        expect(await page.locator(`${add} ${tid('official-phone')}`).getAttribute('aria-invalid')).toBe('true');
        expect(await page.inputValue(`${add} ${tid('official-name')}`)).toBe(name);
        expect(await page.inputValue(`${add} ${tid('official-email')}`)).toBe('hoa@hoangtien.example');
        expect(await page.inputValue(`${add} ${tid('official-phone')}`)).toBe('0212 345 678');
        expect(await page.isChecked(`${add} ${tid('official-notify-zalo')}`)).toBe(true);
        expect(await officialsNamed()).toEqual([]);

        // Zalo without a number: refused beside the Zalo box
        await page.fill(`${add} ${tid('official-phone')}`, '');
        await page.click(`${add} ${tid('official-submit')}`);
        await page.locator(`${add} ${tid('error-notifyZalo')}`).waitFor();
        expect(await fieldError(page, add, 'notifyZalo')).toBe('Cần có số điện thoại di động để nhận nhắc việc qua Zalo');
        expect(await page.locator(`${add} ${tid('error-phone')}`).count()).toBe(0);
        expect(await officialsNamed()).toEqual([]);
        // the page with its errors shown: in Vietnamese, inside the screen, nothing else wrong
        expect(takeRefused(w, 400, /\/api\/officials\)$/)).toBe(2);
        await screenshot(page, 'don-vi-loi-can-bo', screen);
        expectNoProblems(`Đơn vị, lỗi bên ô (${screen.width} px)`, await auditPage(page, { screen, watch: w }));

        // the number written the usual way, and a double click: one official, the number stored as 84…
        await page.fill(`${add} ${tid('official-phone')}`, phoneTyped);
        await page.dblclick(`${add} ${tid('official-submit')}`);
        await page.locator(`${add} ${tid('form-notice')}`).waitFor();
        expect(await page.locator(`${add} ${tid('form-notice')}`).innerText()).toBe(`Đã thêm ${name}.`);
        const added = await officialsNamed();
        expect(added).toHaveLength(1);
        expect(added[0]).toMatchObject({
          position: 'Công chức Văn hóa – Xã hội', role: 'official', email: 'hoa@hoangtien.example', phone: phoneStored,
          notifyEmail: true, notifyZalo: true, reminderMode: 'digest', active: true,
        });
        const officialId = added[0].id;
        const row = `${tid('officials')} [data-official-id="${officialId}"]`;
        await page.locator(row).waitFor();
        expect(await page.locator(row).innerText()).toContain(phoneShown);
        expect(await page.locator(row).innerText()).toContain('Trong ứng dụng, thư điện tử (một thư tổng hợp mỗi sáng), Zalo');
        // the add form is empty again for the next one
        expect(await page.inputValue(`${add} ${tid('official-name')}`)).toBe('');

        // ---- edited: another number, no e-mail reminders, one mail per reminder
        await page.click(`${row} ${tid('official-edit')}`);
        const edit = tid('official-edit-form');
        await page.locator(edit).waitFor();
        expect(await page.inputValue(`${edit} ${tid('official-phone')}`)).toBe(phoneShown);
        await page.fill(`${edit} ${tid('official-position')}`, 'Công chức Văn hóa – Xã hội (kiêm nhiệm)');
        await page.fill(`${edit} ${tid('official-phone')}`, '0977 000 111');
        await page.uncheck(`${edit} ${tid('official-notify-email')}`);
        await page.selectOption(`${edit} ${tid('official-reminder-mode')}`, 'each');
        await page.dblclick(`${edit} ${tid('official-submit')}`);
        await page.locator(edit).waitFor({ state: 'detached' });
        const edited = (await chairman.get(`/api/officials?unitId=${unitId}`).expect(200)).body.find((o: { id: number }) => o.id === officialId);
        // one change only: a second submission would have been refused as stale (409) and logged
        expect(edited).toMatchObject({ position: 'Công chức Văn hóa – Xã hội (kiêm nhiệm)', phone: '84977000111', notifyEmail: false, notifyZalo: true, reminderMode: 'each', version: added[0].version + 1 });
        await page.locator(`${row}:has-text("0977 000 111")`).waitFor();
        expect(await page.locator(row).innerText()).toContain('Trong ứng dụng, Zalo');

        // ---- an account for them: the first password shown once
        const acc = tid('account-add');
        await page.click(`${acc} summary`);
        await page.fill(`${acc} ${tid('account-username')}`, username);
        await page.selectOption(`${acc} ${tid('account-role')}`, { label: ROLE_LABELS.official });
        await page.selectOption(`${acc} ${tid('account-official')}`, String(officialId));
        await page.dblclick(`${acc} ${tid('account-submit')}`);
        const password = ((await page.locator(tid('password-value')).textContent()) ?? '').trim();
        expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
        const accounts = async () => ((await chairman.get(`/api/users?unitId=${unitId}`).expect(200)).body as { id: number; username: string; active: boolean; officialId: number | null }[]).filter((a) => a.username === username);
        expect(await accounts()).toEqual([expect.objectContaining({ active: true, officialId })]);
        expect((await s.t.login(username, password)).me).toMatchObject({ role: 'official', officialId });
        const accRow = `${tid('accounts')} [data-username="${username}"]`;
        await page.locator(accRow).waitFor();
        expect(await page.locator(row).innerText()).toContain(username);

        // locked, then unlocked
        await page.click(`${accRow} ${tid('account-lock')}`);
        await page.locator(`${accRow} ${tid('account-unlock')}`).waitFor();
        expect(await page.locator(accRow).innerText()).toContain('Đã khóa');
        expect((await accounts())[0].active).toBe(false);
        await page.click(`${accRow} ${tid('account-unlock')}`);
        await page.locator(`${accRow} ${tid('account-lock')}`).waitFor();
        expect(await page.locator(accRow).innerText()).toContain('Đang dùng');
        expect((await accounts())[0].active).toBe(true);
        await page.click(tid('password-once-close'));

        // ---- the unit's settings: a value the server refuses, shown beside its field, the rest kept
        const settings = tid('unit-settings');
        const before = (await chairman.get(`/api/units/${unitId}`).expect(200)).body;
        const offsets = screen.width === 1366 ? '10, 3, 0' : '5, 1';
        await page.fill(`${settings} ${tid('unit-offsets')}`, offsets);
        await page.fill(`${settings} ${tid('unit-time')}`, '06:45');
        await page.fill(`${settings} ${tid('unit-overdue')}`, '0');
        const cutoff = before.reportCutoff === 'calendar' ? 'ministry' : 'calendar';
        await page.selectOption(`${settings} ${tid('unit-cutoff')}`, cutoff);
        await page.click(`${settings} ${tid('unit-settings-submit')}`);
        await page.locator(`${settings} ${tid('error-overdueEveryDays')}`).waitFor();
        expect(await fieldError(page, settings, 'overdueEveryDays')).toBe('Phải lớn hơn hoặc bằng 1');
        expect(await page.inputValue(`${settings} ${tid('unit-offsets')}`)).toBe(offsets);
        expect(await page.inputValue(`${settings} ${tid('unit-time')}`)).toBe('06:45');
        expect(await page.inputValue(`${settings} ${tid('unit-cutoff')}`)).toBe(cutoff);
        expect((await chairman.get(`/api/units/${unitId}`).expect(200)).body.version).toBe(before.version);
        expect(takeRefused(w, 400, /\/api\/units\/\d+\/settings\)$/)).toBe(1);

        // corrected, and a double click: saved once (a second request would carry a stale version)
        await page.fill(`${settings} ${tid('unit-overdue')}`, '3');
        await page.dblclick(`${settings} ${tid('unit-settings-submit')}`);
        await page.locator(`${settings} ${tid('form-notice')}`).waitFor();
        const after = (await chairman.get(`/api/units/${unitId}`).expect(200)).body;
        expect(after).toMatchObject({
          reminderOffsets: offsets.split(', ').map(Number), reminderTime: '06:45', overdueEveryDays: 3, reportCutoff: cutoff, version: before.version + 1,
        });
        await screenshot(page, 'don-vi-sau-khi-luu', screen);
        expectNoProblems(`Đơn vị, đã lưu (${screen.width} px)`, await auditPage(page, { screen, watch: w }));

        // what was saved is what the page shows when opened again
        await page.reload();
        await page.locator(`${settings} ${tid('unit-offsets')}`).waitFor();
        expect(await page.inputValue(`${settings} ${tid('unit-offsets')}`)).toBe(offsets);
        expect(await page.inputValue(`${settings} ${tid('unit-overdue')}`)).toBe('3');
        expect(await page.inputValue(`${settings} ${tid('unit-cutoff')}`)).toBe(cutoff);
        expect(w.errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
