import { isViewPath, planPath, taskPath, VIEW_PATHS } from './web-paths.js';

describe('web paths', () => {
  it('names a task and a plan by their ids', () => {
    expect(taskPath(42)).toBe('/nhiem-vu/42');
    expect(planPath(7)).toBe('/ke-hoach/7');
  });

  it('recognises every view, with or without an id, and nothing else', () => {
    for (const p of Object.values(VIEW_PATHS)) {
      expect(isViewPath(p)).toBe(true);
      expect(isViewPath(`${p}/12`)).toBe(true);
      expect(isViewPath(`${p}/`)).toBe(true);
    }
    expect(isViewPath('/')).toBe(true);
    for (const p of ['/api/plans', '/nhiem-vu/abc', '/nhiem-vu/1/2', '/assets/app.js', '/tong-quanx', '/admin/queues', '/nhiem-vu/1234567890123']) {
      expect(isViewPath(p)).toBe(false);
    }
  });
});
