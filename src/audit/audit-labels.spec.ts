import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDITED_ENTITIES } from './entities/audit-entry.entity.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel, auditFieldLabel, taskActionLabel } from './audit-labels.js';

/** Every audit record the code writes: its `action: '…'` literals, read from the source. */
function actionsWritten(dir = new URL('..', import.meta.url).pathname): string[] {
  const found = new Set<string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) actionsWritten(p).forEach((a) => found.add(a));
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) {
      const text = readFileSync(p, 'utf8');
      if (!/\baudit\(/.test(text)) continue;
      for (const m of text.matchAll(/\baction: '([a-z_]+)'/g)) found.add(m[1]);
    }
  }
  return [...found];
}

describe('audit trail words', () => {
  it('names every audited kind of record', () => {
    for (const e of AUDITED_ENTITIES) expect(AUDIT_ENTITY_LABELS[e]).toMatch(/^\p{Lu}/u);
  });

  it('names every action the code records', () => {
    const actions = actionsWritten();
    expect(actions).toEqual(expect.arrayContaining(['created', 'updated', 'issued', 'generated', 'password_reset']));
    for (const a of actions) expect([a, AUDIT_ACTION_LABELS[a]]).toEqual([a, expect.stringMatching(/^\p{Lu}/u)]);
  });

  it('gives an unknown code a neutral word, never the code', () => {
    expect(auditEntityLabel('widget')).toBe('Bản ghi');
    expect(auditActionLabel('exploded')).toBe('Thay đổi');
    expect(auditFieldLabel('somethingNew')).toBe('Thông tin khác');
    expect(taskActionLabel('zzz')).toBe('Thay đổi');
  });

  it('names the fields of every kind of record, a task\'s and an official\'s contact details among them', () => {
    expect(auditFieldLabel('deadlineText')).toBe('Thời gian hoàn thành');
    expect(auditFieldLabel('reportCutoff')).toBe('Ngày khóa số liệu báo cáo');
    expect(auditFieldLabel('phone')).toBe('Số điện thoại di động');
    expect(auditFieldLabel('notifyZalo')).toBe('Nhận nhắc việc qua Zalo');
  });

  it('words a task\'s own log with its object where the trail names the record after the word', () => {
    expect(auditActionLabel('created')).toBe('Tạo mới');
    expect(taskActionLabel('created')).toBe('Tạo nhiệm vụ');
    expect(taskActionLabel('cancelled')).toBe('Hủy nhiệm vụ');
    // the same word in both where the word needs no object
    expect(taskActionLabel('reopened')).toBe(auditActionLabel('reopened'));
    expect(taskActionLabel('evidence_added')).toBe('Thêm tệp minh chứng');
  });
});
