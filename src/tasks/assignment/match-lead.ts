import { foldVietnamese } from '../../common/vietnamese-text.js';

export interface PositionHolder {
  id: number;
  position: string;
  active: boolean;
}

export type LeadMatch =
  | { officialId: number }
  | { officialId: null; reason: 'multiple_leads' | 'no_official' | 'ambiguous' | 'empty' };

export const LEAD_MATCH_REASONS: Record<Exclude<LeadMatch, { officialId: number }>['reason'], string> = {
  multiple_leads: 'Nhiều cơ quan chủ trì: Chủ tịch cần chọn người chủ trì',
  no_official: 'Không có công chức nào giữ chức danh này',
  ambiguous: 'Nhiều công chức cùng khớp chức danh này',
  empty: 'Chưa ghi cơ quan chủ trì',
};

/** Plans name the same post more than one way (DOMAIN.md). */
const SYNONYMS: [RegExp, string][] = [
  [/\bvan hoa (thong tin|tt)\b/g, 'van hoa xa hoi'],
  [/\bvh xh\b/g, 'van hoa xa hoi'],
];

/** Words that say "someone in the commune" without naming a post. */
const GENERIC = new Set(['cong', 'chuc', 'can', 'bo', 'ubnd', 'xa', 'cac', 'phan', 'chuyen', 'mon', 'co', 'quan']);

function tokens(text: string): string[] {
  let folded = foldVietnamese(text);
  for (const [re, to] of SYNONYMS) folded = folded.replace(re, to);
  return folded.split(' ').filter(Boolean);
}

/**
 * Lead cells list several bodies as "- A\n- B" or "A; B". A line break not
 * followed by a bullet is only the cell wrapping, and en dashes belong to post
 * names ("Tư pháp – Hộ tịch"), so neither separates bodies.
 */
export function splitLeads(leadText: string): string[] {
  return leadText
    .replace(/\r/g, '')
    .replace(/\n(?!\s*[-+•])/g, ' ')
    .split(/\n|;/)
    .map((s) => s.replace(/^[\s\-–—.]+|[\s.;,]+$/g, ''))
    .filter((s) => foldVietnamese(s).length > 0);
}

function isSubset(small: string[], big: string[]): boolean {
  const pool = new Map<string, number>();
  for (const t of big) pool.set(t, (pool.get(t) ?? 0) + 1);
  for (const t of small) {
    const n = pool.get(t) ?? 0;
    if (n === 0) return false;
    pool.set(t, n - 1);
  }
  return true;
}

/**
 * Finds the one official whose position the lead cell names, ignoring case,
 * diacritics, dashes and spacing: "Công chức Tư pháp" finds "Công chức Tư pháp –
 * Hộ tịch". A cell naming several bodies, or a body that is not a person's post
 * ("UBND xã"), leaves the task for the chairman to assign.
 */
export function matchLead(leadText: string, officials: PositionHolder[]): LeadMatch {
  const leads = splitLeads(leadText);
  if (leads.length === 0) return { officialId: null, reason: 'empty' };
  const active = officials.filter((o) => o.active);
  if (leads.length > 1) {
    // "Công chức Tài chính - Kế toán" splits like a list but is one post's name.
    const whole = tokens(leads.join(' '));
    const hits = active.filter((o) => isSubset(whole, tokens(o.position)));
    return hits.length === 1 ? { officialId: hits[0].id } : { officialId: null, reason: 'multiple_leads' };
  }
  const lead = tokens(leads[0]);
  if (!lead.some((t) => !GENERIC.has(t))) return { officialId: null, reason: 'no_official' };
  const hits = active.filter((o) => {
    const position = tokens(o.position);
    return isSubset(lead, position) || (position.some((t) => !GENERIC.has(t)) && isSubset(position, lead));
  });
  if (hits.length === 1) return { officialId: hits[0].id };
  return { officialId: null, reason: hits.length === 0 ? 'no_official' : 'ambiguous' };
}
