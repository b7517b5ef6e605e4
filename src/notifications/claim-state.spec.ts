import { claimState } from './claim-state.js';

describe('claimState', () => {
  const now = new Date('2026-11-30T08:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const IN_FLIGHT = 120_000;

  it('a claim just made is new; a settled one is delivered, whatever else it says', () => {
    expect(claimState({ notifiedAt: null, mailedAt: null, outcome: null }, now, IN_FLIGHT)).toBe('new');
    expect(claimState({ notifiedAt: ago(5000), mailedAt: ago(1000), outcome: null }, now, IN_FLIGHT)).toBe('delivered');
    expect(claimState({ notifiedAt: ago(5000), mailedAt: ago(1000), outcome: 'Gửi e-mail không thành công' }, now, IN_FLIGHT)).toBe('delivered');
  });

  it('a send begun less than the in-flight time ago is left to its sender (a stalled worker lives)', () => {
    expect(claimState({ notifiedAt: ago(1), mailedAt: null, outcome: null }, now, IN_FLIGHT)).toBe('in-flight');
    expect(claimState({ notifiedAt: ago(IN_FLIGHT - 1), mailedAt: null, outcome: null }, now, IN_FLIGHT)).toBe('in-flight');
  });

  it('a send begun longer ago is presumed dead and taken over', () => {
    expect(claimState({ notifiedAt: ago(IN_FLIGHT), mailedAt: null, outcome: null }, now, IN_FLIGHT)).toBe('take-over');
    expect(claimState({ notifiedAt: ago(3_600_000), mailedAt: null, outcome: null }, now, IN_FLIGHT)).toBe('take-over');
  });

  it('an attempt that noted why it stopped (a refused mail) is tried again at once', () => {
    expect(claimState({ notifiedAt: ago(200), mailedAt: null, outcome: 'Gửi e-mail không thành công: 451' }, now, IN_FLIGHT)).toBe('take-over');
  });
});
