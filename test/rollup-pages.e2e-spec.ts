import { startApp, TestApp, type Client } from './support/app.js';
import { accountFor } from './support/fixtures.js';
import { seedCommunes, type SeededCommune } from './support/scale.js';

/**
 * GET /api/units/{id}/progress at province scale: 130 communes beneath one
 * province, sorted, searched and paged on the server, the total always over
 * every commune; another province's communes never in it.
 */
describe("the superior level's rollup, a page at a time", () => {
  let t: TestApp;
  let province: number;
  let other: number;
  let viewer: Client;
  let communes: SeededCommune[];
  const N = 130;
  const share = (r: { planned: number; completed: number }) => (r.planned ? r.completed / r.planned : 0);

  beforeAll(async () => {
    t = await startApp();
    province = (await t.admin.post('/api/units').send({ name: 'Sở Nội vụ tỉnh Thanh Hóa' }).expect(201)).body.id;
    other = (await t.admin.post('/api/units').send({ name: 'Sở Nội vụ tỉnh Nghệ An' }).expect(201)).body.id;
    // 2 to 5 tasks each, 0 to 4 of them done: many ties of percentage and of size
    communes = await seedCommunes(t.db, province, N, { tasks: (i) => 2 + (i % 4), done: (i) => i % 5 });
    await seedCommunes(t.db, other, 3, { prefix: 'Phường' });
    viewer = await accountFor(t, 'xem.thanhhoa', 'viewer', province, null);
  });
  afterAll(() => t.close());

  const rollup = async (query: string, as: Client = viewer) => (await as.get(`/api/units/${province}/progress?year=2023&asOf=2023-12-31&${query}`).expect(200)).body;
  /** every page, 50 at a time */
  const everyPage = async (query: string) => {
    const pages = [];
    for (let offset = 0; offset < N; offset += 50) pages.push(await rollup(`${query}&offset=${offset}&limit=50`));
    return pages;
  };
  const planned = () => communes.reduce((n, c) => n + c.planned, 0);
  const completed = () => communes.reduce((n, c) => n + c.completed, 0);

  it('without offset or limit answers every commune, as it always did, with the total over all', async () => {
    const all = await rollup('');
    expect(all).toMatchObject({ unitCount: N, matched: N, offset: 0, limit: N, years: [2023] });
    expect(all.units).toHaveLength(N);
    expect(all.total).toMatchObject({ planned: planned(), completed: completed(), ratio: `${completed()}/${planned()}` });
    const hoangTien = communes.find((c) => c.name === 'Xã Hoằng Tiến 1')!;
    expect(all.units.find((u: any) => u.unitId === hoangTien.unitId)).toEqual({
      unitId: hoangTien.unitId, name: 'Xã Hoằng Tiến 1', planId: hoangTien.planId, planned: 2, completed: 0, ratio: '0/2', percent: '0%',
    });
  });

  it('pages without a gap or a repeat; each page carries the same total over every commune; past the end, nothing', async () => {
    const whole = (await rollup('')).units.map((u: any) => u.unitId);
    const pages = await everyPage('');
    expect(pages.map((p) => p.units.length)).toEqual([50, 50, 30]);
    expect(pages.flatMap((p) => p.units.map((u: any) => u.unitId))).toEqual(whole);
    for (const p of pages) expect(p).toMatchObject({ unitCount: N, matched: N, limit: 50, total: { planned: planned(), completed: completed() } });
    const past = await rollup(`offset=${N}&limit=10`);
    expect(past).toMatchObject({ units: [], matched: N, offset: N, limit: 10, total: { planned: planned() } });
    // the default page is 100
    expect((await rollup('offset=0')).units).toHaveLength(100);
  });

  it('sorts on the server by percentage, name or size, either way, across pages', async () => {
    const rows = async (query: string) => (await everyPage(query)).flatMap((p) => p.units);
    const byPercent = await rows('');
    for (let i = 1; i < N; i++) expect(share(byPercent[i - 1])).toBeGreaterThanOrEqual(share(byPercent[i]));
    const lowFirst = await rows('sort=percent&dir=asc');
    for (let i = 1; i < N; i++) expect(share(lowFirst[i - 1])).toBeLessThanOrEqual(share(lowFirst[i]));
    expect(share(lowFirst[0])).toBe(0);
    expect(share(byPercent[0])).toBe(1);
    const bigFirst = await rows('sort=planned');
    for (let i = 1; i < N; i++) expect(bigFirst[i - 1].planned).toBeGreaterThanOrEqual(bigFirst[i].planned);
    // names as a Vietnamese dictionary orders them, numbers by value: An before Ân, 9 before 10, Đ after D
    const byName = (await rows('sort=name')).map((u: any) => u.name);
    expect(byName.slice(0, 12)).toEqual([...Array.from({ length: 11 }, (_, i) => `Xã An Bình ${i + 1}`), 'Xã Ân Thi 1']);
    expect(byName.indexOf('Xã Đông Sơn 1')).toBeGreaterThan(byName.indexOf('Xã Định Tân 10'));
    expect(byName.indexOf('Xã Định Tân 1')).toBeGreaterThan(byName.indexOf('Xã Cẩm Châu 10'));
    expect((await rows('sort=name&dir=desc')).map((u: any) => u.name)).toEqual([...byName].reverse());
    // ties keep the names' order whichever way the percentage runs
    const full = byPercent.filter((u: any) => share(u) === 1).map((u: any) => u.name);
    expect(full.length).toBeGreaterThan(1);
    expect(full).toEqual(byName.filter((n: string) => full.includes(n)));
  });

  it('searches the names whatever the accents and case; the total stays over every commune', async () => {
    const found = await rollup('q=HOANG%20tien&sort=name');
    const expected = communes.filter((c) => c.name.startsWith('Xã Hoằng Tiến ')).length;
    expect(found).toMatchObject({ matched: expected, unitCount: N, total: { planned: planned(), completed: completed() } });
    expect(found.units.map((u: any) => u.name)).toEqual(Array.from({ length: expected }, (_, i) => `Xã Hoằng Tiến ${i + 1}`));
    expect((await rollup('q=dong%20son%2011')).units.map((u: any) => u.name)).toEqual(['Xã Đông Sơn 11']);
    expect(await rollup('q=kh%C3%B4ng%20c%C3%B3')).toMatchObject({ matched: 0, units: [], unitCount: N });
  });

  it('refuses bad parameters in Vietnamese, naming the field', async () => {
    for (const [query, field] of [
      ['limit=101', 'limit'], ['limit=0', 'limit'], ['offset=-1', 'offset'], ['offset=abc', 'offset'],
      ['sort=ratio', 'sort'], ['dir=up', 'dir'], [`q=${'a'.repeat(201)}`, 'q'],
    ]) {
      const res = await viewer.get(`/api/units/${province}/progress?year=2023&${query}`).expect(400);
      expect(res.body.message).toMatch(/không hợp lệ/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(new RegExp(`^${field}: (phải|dài quá)`)) })]));
    }
  });

  it("shows a viewer only the units beneath their own; another province's communes are not there", async () => {
    const all = await rollup('');
    expect(all.units.some((u: any) => u.name.startsWith('Phường'))).toBe(false);
    expect((await rollup('q=phuong')).matched).toBe(0);
    await viewer.get(`/api/units/${other}/progress?year=2023&limit=10`).expect(404);
    const otherViewer = await accountFor(t, 'xem.nghean', 'viewer', other, null);
    const theirs = (await otherViewer.get(`/api/units/${other}/progress?year=2023&asOf=2023-12-31&limit=10`).expect(200)).body;
    expect(theirs).toMatchObject({ unitCount: 3, matched: 3 });
    expect(theirs.units.map((u: any) => u.name).sort()).toEqual(['Phường An Bình 1', 'Phường Hoằng Tiến 1', 'Phường Đông Sơn 1'].sort());
    await otherViewer.get(`/api/units/${province}/progress?year=2023&limit=10`).expect(404);
  });
});
