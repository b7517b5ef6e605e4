import { diff } from './audit.js';

describe('diff', () => {
  it('lists the fields that changed, from → to, and nothing else', () => {
    expect(diff({ a: 1, b: 'x', c: [1] }, { a: 2, b: 'x', c: [1] }, ['a', 'b', 'c'])).toEqual({ a: { from: 1, to: 2 } });
    expect(diff({ a: [1, 2] }, { a: [2, 1] }, ['a'])).toEqual({ a: { from: [1, 2], to: [2, 1] } });
  });

  it('reads a creation as from null', () => {
    expect(diff(null, { a: 1, b: undefined as unknown as number }, ['a', 'b'])).toEqual({ a: { from: null, to: 1 } });
  });

  it('treats a field a patch leaves undefined as unchanged, and null as a change', () => {
    expect(diff({ a: 'x', b: 'y' }, { a: undefined, b: null } as unknown as { a: string; b: string }, ['a', 'b'])).toEqual({ b: { from: 'y', to: null } });
  });
});
