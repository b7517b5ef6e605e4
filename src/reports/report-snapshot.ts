import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip } from 'node:zlib';
import type { ReportData, ReportTaskLine } from './report-data.js';

/**
 * How a report's snapshot is stored: its ReportData with each list naming its
 * tasks by id (every task line is in `tasks`, once), as JSON, gzipped. A
 * 1,400-task report repeated each open task in three lists and took 3 MB as
 * JSON; stored this way it takes a few percent of that. Reading it back gives
 * exactly the ReportData that was stored, key order included, so the API and
 * the files say what they said before.
 *
 * A list entry that is not the same line as its task's in `tasks` (none is, as
 * reportLists() builds them) stays whole: the format loses nothing whatever it is given.
 */
type ListName = keyof ReportData['lists'];
export type StoredReportData = Omit<ReportData, 'lists'> & { lists: Record<ListName, (number | ReportTaskLine)[]> };

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export function compactReport(data: ReportData): StoredReportData {
  const byId = new Map(data.tasks.map((t) => [t.taskId, t]));
  const json = new Map<number, string>();
  const same = (line: ReportTaskLine): boolean => {
    const task = byId.get(line.taskId);
    if (!task) return false;
    if (task === line) return true;
    if (!json.has(line.taskId)) json.set(line.taskId, JSON.stringify(task));
    return json.get(line.taskId) === JSON.stringify(line);
  };
  const lists = Object.fromEntries(
    Object.entries(data.lists).map(([name, lines]) => [name, lines.map((l) => (same(l) ? l.taskId : l))]),
  ) as StoredReportData['lists'];
  return { ...data, lists };
}

export function expandReport(stored: StoredReportData): ReportData {
  const byId = new Map(stored.tasks.map((t) => [t.taskId, t]));
  const line = (entry: number | ReportTaskLine): ReportTaskLine => {
    if (typeof entry !== 'number') return entry;
    const task = byId.get(entry);
    if (!task) throw new Error(`report snapshot: list names task ${entry}, which is not among its tasks`);
    return task;
  };
  const lists = Object.fromEntries(
    Object.entries(stored.lists).map(([name, entries]) => [name, entries.map(line)]),
  ) as ReportData['lists'];
  return { ...stored, lists };
}

/** The bytes stored for a report. The compression runs on libuv's thread pool, not the event loop. */
export async function packReport(data: ReportData): Promise<Buffer> {
  return gzipAsync(JSON.stringify(compactReport(data)));
}

export async function unpackReport(bytes: Uint8Array): Promise<ReportData> {
  return expandReport(JSON.parse((await gunzipAsync(bytes)).toString('utf8')));
}

/** For the render worker, whose thread has nothing else to do. */
export function unpackReportSync(bytes: Uint8Array): ReportData {
  return expandReport(JSON.parse(gunzipSync(bytes).toString('utf8')));
}
