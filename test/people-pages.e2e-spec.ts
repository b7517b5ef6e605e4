import { startApp, TestApp, type Client } from './support/app.js';
import { accountFor, seedUnit } from './support/fixtures.js';
import { personName, seedCommunes, seedPeople } from './support/scale.js';

/**
 * GET /api/units/page, /api/officials/page and /api/users/page: the Quản trị
 * and Đơn vị lists at province scale (120 communes, a commune of 1,000
 * officials each with an account), a page at a time, searched and counted on
 * the server; each account sees only what its scope holds.
 */
describe('units, officials and accounts, a page at a time', () => {
  let t: TestApp;
  let province: number;
  let other: number;
  let big: number;
  let chair: Client;
  const COMMUNES = 120;
  const PEOPLE = 1000;

  beforeAll(async () => {
    t = await startApp();
    province = (await t.admin.post('/api/units').send({ name: 'UBND tỉnh Thanh Hóa' }).expect(201)).body.id;
    other = (await t.admin.post('/api/units').send({ name: 'UBND tỉnh Nghệ An' }).expect(201)).body.id;
    await seedCommunes(t.db, province, COMMUNES);
    await seedCommunes(t.db, other, 2, { prefix: 'Phường' });
    // a commune with its five posts and a chairman's account, then a thousand more officials and accounts
    ({ unitId: big, chair } = await seedUnit(t, 'UBND xã Quảng Lớn', { parentId: province, signIn: false }));
    await seedPeople(t.db, big, PEOPLE, 'canbo');
  });
  afterAll(() => t.close());

  const get = async (c: Client, path: string) => (await c.get(path).expect(200)).body;
  /** every page of a list, 100 at a time */
  const everyPage = async (c: Client, path: string) => {
    const rows: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const p = await get(c, `${path}${path.includes('?') ? '&' : '?'}offset=${offset}`);
      rows.push(...p.items);
      if (offset + 100 >= p.total) return { rows, total: p.total };
    }
  };

  it('pages the units by name, with each superior named and the units beneath counted', async () => {
    const all = (await get(t.admin, '/api/units')) as any[];
    const first = await get(t.admin, '/api/units/page');
    expect(first).toMatchObject({ total: all.length, offset: 0, limit: 100 });
    expect(first.items).toHaveLength(100);
    const { rows, total } = await everyPage(t.admin, '/api/units/page');
    expect(total).toBe(all.length);
    expect(rows.map((u) => u.id).sort((a, b) => a - b)).toEqual(all.map((u) => u.id).sort((a, b) => a - b));
    const names = rows.map((u) => u.name);
    expect(names.slice(0, 3)).toEqual(['Phường Đông Sơn 1', 'Phường Hoằng Tiến 1', 'UBND tỉnh Nghệ An']);
    const desc = (await everyPage(t.admin, '/api/units/page?dir=desc')).rows.map((u) => u.name);
    expect(desc).toEqual([...names].reverse());
    const tinh = rows.find((u) => u.id === province);
    expect(tinh).toMatchObject({ name: 'UBND tỉnh Thanh Hóa', parentId: null, parentName: null, childCount: COMMUNES + 1 });
    expect(rows.find((u) => u.name === 'Xã Đông Sơn 3')).toMatchObject({ parentId: province, parentName: 'UBND tỉnh Thanh Hóa', childCount: 0 });
    // superiors only: the two provinces
    expect((await get(t.admin, '/api/units/page?superiors=true')).items.map((u: any) => u.name)).toEqual(['UBND tỉnh Nghệ An', 'UBND tỉnh Thanh Hóa']);
    // by superior: those with none first, then the communes of Nghệ An, then of Thanh Hóa
    const byParent = (await everyPage(t.admin, '/api/units/page?sort=parent')).rows;
    expect(byParent.slice(0, 4).map((u) => u.name)).toEqual(['UBND tỉnh Nghệ An', 'UBND tỉnh Thanh Hóa', 'Phường Đông Sơn 1', 'Phường Hoằng Tiến 1']);
    // past the end
    expect(await get(t.admin, `/api/units/page?offset=${all.length}&limit=5`)).toEqual({ total: all.length, offset: all.length, limit: 5, items: [] });
  });

  it('searches the units by their name or their superior, whatever the accents', async () => {
    const found = await get(t.admin, '/api/units/page?q=DONG%20son');
    expect(found.items.map((u: any) => u.name)).toEqual(['Phường Đông Sơn 1', ...Array.from({ length: 10 }, (_, i) => `Xã Đông Sơn ${i + 1}`)]);
    expect(found.total).toBe(11);
    // "nghe an" names the province and each of its communes by their superior
    expect((await get(t.admin, '/api/units/page?q=nghe%20an')).total).toBe(3);
  });

  it('pages a commune of a thousand officials and their accounts, with the totals', async () => {
    const officials = (await get(t.admin, `/api/officials?unitId=${big}`)) as any[];
    expect(officials).toHaveLength(PEOPLE + 5);
    const { rows, total } = await everyPage(chair, `/api/officials/page?unitId=${big}`);
    expect(total).toBe(PEOPLE + 5);
    // in the order they were added, as the whole list gives them
    expect(rows.map((o) => o.id)).toEqual(officials.map((o) => o.id));
    const page = await get(chair, `/api/officials/page?unitId=${big}&offset=1000&limit=50`);
    expect(page).toMatchObject({ total: PEOPLE + 5, offset: 1000, limit: 50 });
    expect(page.items.map((o: any) => o.id)).toEqual(officials.slice(1000).map((o) => o.id));

    const accounts = await everyPage(chair, `/api/users/page?unitId=${big}`);
    expect(accounts.total).toBe(PEOPLE + 1);
    expect(accounts.rows.find((u) => u.username === 'canbo7')).toMatchObject({ role: 'official', roleLabel: expect.any(String), officialName: personName(6) });
    expect(accounts.rows.find((u) => u.role === 'chairman')).toMatchObject({ officialName: 'Lê Văn Chủ' });
    // the accounts of some officials only: what the officials' page shows beside each
    const ids = officials.slice(5, 15).map((o) => o.id);
    const theirs = await get(chair, `/api/users/page?unitId=${big}&officialIds=${ids.join(',')}`);
    expect(theirs.total).toBe(10);
    expect(theirs.items.map((u: any) => u.officialId).sort((a: number, b: number) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect((await get(chair, `/api/users/page?unitId=${big}&officialIds=${ids[0]}&officialIds=${ids[1]}`)).total).toBe(2);
  });

  it('searches officials by name, post or address, and accounts by name or official, whatever the accents', async () => {
    // personName(i) cycles 8 family names × 10 given names: "Đặng Minh Hằng n" is person 45 + 80 (n − 1), twelve of them
    const dang = await get(chair, `/api/officials/page?unitId=${big}&q=dang%20MINH%20hang`);
    expect(dang.total).toBe(12);
    expect(dang.items.map((o: any) => o.fullName)).toEqual(Array.from({ length: 12 }, (_, k) => personName(45 + 80 * k)));
    expect(personName(45)).toBe('Đặng Minh Hằng 1');
    const byMail = await get(chair, `/api/officials/page?unitId=${big}&q=canbo999@xa.gov.vn`);
    expect(byMail.items.map((o: any) => o.fullName)).toEqual([personName(998)]);
    const tuphap = await get(chair, `/api/officials/page?unitId=${big}&q=tu%20phap&limit=1`);
    // half the thousand plus the commune's own Tư pháp post
    expect(tuphap.total).toBe(PEOPLE / 2 + 1);
    expect((await get(chair, `/api/officials/page?unitId=${big}&active=true&limit=1`)).total).toBe(PEOPLE + 5);
    expect((await get(chair, `/api/officials/page?unitId=${big}&active=false`)).total).toBe(0);
    const acc = await get(chair, `/api/users/page?unitId=${big}&q=${encodeURIComponent('đặng minh hằng 1')}`);
    expect(acc.items.map((u: any) => u.username)).toContain('canbo46');
    expect((await get(chair, `/api/users/page?unitId=${big}&q=canbo999`)).items.map((u: any) => u.username)).toEqual(['canbo999']);
  });

  it('refuses bad parameters in Vietnamese, naming the field', async () => {
    for (const [path, field] of [
      ['/api/units/page?limit=101', 'limit'], ['/api/units/page?limit=0', 'limit'], ['/api/units/page?offset=-1', 'offset'],
      ['/api/units/page?sort=id', 'sort'], ['/api/units/page?dir=up', 'dir'], ['/api/units/page?superiors=maybe', 'superiors'],
      [`/api/officials/page?unitId=${big}&limit=500`, 'limit'], ['/api/officials/page?unitId=abc', 'unitId'], [`/api/officials/page?active=2`, 'active'],
      [`/api/users/page?limit=101`, 'limit'], ['/api/users/page?officialIds=1,x', 'officialIds'], [`/api/users/page?q=${'a'.repeat(201)}`, 'q'],
    ]) {
      const res = await t.admin.get(path).expect(400);
      expect(res.body.message).toMatch(/không hợp lệ/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(new RegExp(`^${field}: (phải|dài quá|mỗi)`)) })]));
    }
  });

  it("keeps each account to its scope: a province's viewer sees its communes, a chairman their commune, nobody another province", async () => {
    const viewer = await accountFor(t, 'xem.tinh', 'viewer', province, null);
    const units = await everyPage(viewer, '/api/units/page');
    expect(units.total).toBe(COMMUNES + 2);
    expect(units.rows.some((u) => u.name.startsWith('Phường') || u.name === 'UBND tỉnh Nghệ An')).toBe(false);
    expect((await get(viewer, '/api/units/page?q=nghe%20an')).total).toBe(0);
    const mine = await get(chair, '/api/units/page');
    expect(mine.items.map((u: any) => [u.id, u.parentName])).toEqual([[big, null]]);
    await chair.get(`/api/officials/page?unitId=${province}`).expect(404);
    const theirs = await seedUnit(t, 'UBND phường Bến Thủy', { parentId: other, signIn: false });
    await theirs.chair.get(`/api/officials/page?unitId=${big}`).expect(404);
    expect((await get(theirs.chair, '/api/officials/page')).total).toBe(5);
    expect((await get(theirs.chair, `/api/users/page?unitId=${big}`)).total).toBe(0);
    expect((await get(theirs.chair, '/api/users/page')).items.map((u: any) => u.role)).toEqual(['chairman']);
  });
});
