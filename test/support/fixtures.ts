import type { TestApp } from './app.js';

/** A unit with the usual five posts and a chairman, created through the API. */
export async function seedUnit(t: TestApp, name = 'UBND xã Thử Nghiệm') {
  const unit = (await t.http.post('/api/units').send({ name }).expect(201)).body;
  const people: Record<string, number> = {};
  for (const [key, fullName, position, role] of [
    ['chairman', 'Lê Văn Chủ', 'Chủ tịch UBND xã', 'chairman'],
    ['vanphong', 'Trần Thị Văn', 'Công chức Văn phòng – Thống kê', 'official'],
    ['tuphap', 'Hoàng Văn Pháp', 'Công chức Tư pháp – Hộ tịch', 'official'],
    ['taichinh', 'Lê Thị Tài', 'Công chức Tài chính – Kế toán', 'official'],
    ['vanhoa', 'Phạm Văn Hóa', 'Công chức Văn hóa – Xã hội', 'official'],
  ] as const) {
    const res = await t.http.post('/api/officials').send({ unitId: unit.id, fullName, position, role }).expect(201);
    people[key] = res.body.id;
  }
  return { unitId: unit.id as number, people };
}

export async function createPlan(t: TestApp, unitId: number, extra: Record<string, unknown> = {}) {
  const res = await t.http.post('/api/plans').send({
    unitId, number: '01/KH-UBND', title: 'Kế hoạch cải cách hành chính năm 2023', year: 2023, ...extra,
  });
  if (res.status !== 201) throw new Error(`create plan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
