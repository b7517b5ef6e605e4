/**
 * What no visible text of the page may contain: English words a Vietnamese
 * reader would meet where a Vietnamese word belongs, and raw codes of the
 * server (role, status and period codes, ISO dates, identifiers) shown as they
 * are stored. Matched as whole words (Unicode letters around them end a word,
 * so "Văn" never matches "an"); English words a Vietnamese sentence can carry
 * on its own ("Do", "To", "An", "No", "Menu") are left out on purpose.
 * English words match in any case; text in <code>, <kbd> and <samp>
 * (usernames, a generated password) is data and not read.
 */
export const ENGLISH_WORDS = [
  // what a JavaScript slip prints
  'undefined', 'null', 'NaN', 'Infinity', 'true', 'false', 'object Object', 'Invalid Date',
  // form and action words
  'Password', 'Username', 'Email address', 'Login', 'Log in', 'Log out', 'Logout', 'Sign in', 'Sign out',
  'Submit', 'Cancel', 'Save', 'Delete', 'Edit', 'Remove', 'Search', 'Filter', 'Next', 'Previous', 'Back',
  'Close', 'Open', 'Download', 'Upload', 'Print', 'Loading', 'Settings', 'Dashboard', 'Home',
  'Yes', 'OK', 'Confirm', 'Apply', 'Reset', 'Refresh', 'More', 'Show', 'Hide', 'Add', 'New', 'Create', 'Update',
  // errors
  'Error', 'Warning', 'Not Found', 'Unauthorized', 'Forbidden', 'Bad Request', 'Internal Server Error',
  'Too Many Requests', 'Conflict', 'required', 'invalid', 'must be', 'should be', 'failed', 'Failed to fetch',
  // domain words in English
  'Report', 'Reports', 'Plan', 'Plans', 'Task', 'Tasks', 'Status', 'Deadline', 'Deadlines', 'Overdue', 'Pending',
  'Done', 'Completed', 'Assigned', 'Unassigned', 'Draft', 'Issued', 'Closed', 'Cancelled', 'Unit', 'Units',
  'Official', 'Officials', 'Account', 'Accounts', 'Admin', 'Administrator', 'Chairman', 'Viewer', 'Reporter',
  'Notification', 'Notifications', 'Audit', 'Rollup', 'Progress', 'Evidence', 'Reminder', 'Reminders',
  'each', 'daily', 'weekly', 'monthly', 'yearly', 'quarter', 'Quarter', 'Year', 'Month', 'Week', 'Today',
  'Page', 'of', 'items', 'rows', 'Total',
];

/** Codes the server stores and the page must translate. */
export const RAW_CODES = [
  'vice_chairman', 'chairman', 'official', 'reporter', 'viewer', 'admin',
  'in_progress', 'needs_review', 'not_started', 'todo', 'overdue', 'issued', 'draft', 'closed', 'cancelled', 'done',
];

export interface TextProblem { text: string; match: string; why: string }

const word = (w: string) => `(?<![\\p{L}\\p{N}_])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}_])`;

const PATTERNS: { re: RegExp; why: string }[] = [
  { re: new RegExp(ENGLISH_WORDS.map(word).join('|'), 'iu'), why: 'chữ tiếng Anh' },
  { re: new RegExp(RAW_CODES.map(word).join('|'), 'u'), why: 'mã thô của máy chủ' },
  // period codes as stored: YEAR/2023, Q2/2023, H1/2023, M9/2023, 9M/2023
  { re: /(?<![\p{L}\p{N}])(?:YEAR|Q[1-4]|H[12]|M\d{1,2}|\dM)\/\d{4}(?![\p{N}])/u, why: 'mã kỳ báo cáo' },
  // ISO dates and times (dates are shown dd/mm/yyyy)
  { re: /(?<![\p{N}])\d{4}-\d{2}-\d{2}(?![\p{N}])/u, why: 'ngày dạng ISO' },
  { re: /\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/u, why: 'giờ dạng ISO' },
  // identifiers: snake_case and camelCase
  { re: /(?<![\p{L}\p{N}])[a-z]+_[a-z_]+(?![\p{L}\p{N}])/u, why: 'tên biến' },
  { re: /(?<![\p{L}\p{N}])[a-z]+[A-Z][a-zA-Z]*(?![\p{L}\p{N}])/u, why: 'tên biến' },
  // a dotted decimal in a number the reader sees as Vietnamese (12.5% → 12,5%)
  { re: /(?<![\p{N}.,])\d+\.\d+\s?%/u, why: 'số không theo định dạng Việt Nam' },
];

/** Every deny-listed word or raw code in one piece of visible text. */
export function textProblems(text: string): TextProblem[] {
  const found: TextProblem[] = [];
  for (const { re, why } of PATTERNS) {
    for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      found.push({ text: text.length > 120 ? `${text.slice(0, 117)}…` : text, match: m[0], why });
    }
  }
  return found;
}
