/**
 * Vietnamese mobile numbers, as Zalo wants them: 84 and the nine digits after
 * the leading 0 ("0912 345 678", "+84 912.345.678" → "84912345678"). Mobile
 * prefixes since the 2018 renumbering: 03, 05, 07, 08, 09.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.trim().replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  const national = digits.replace(/^\+?84/, '0');
  return /^0[35789]\d{8}$/.test(national) ? `84${national.slice(1)}` : null;
}

/** "84912345678" → "0912 345 678", for people. */
export function formatPhone(stored: string): string {
  const n = `0${stored.slice(2)}`;
  return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
}
