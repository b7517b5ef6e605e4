import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { fileTypeFromFile } from 'file-type';
import { randomUUID, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import yazl from 'yazl';
import type { UserActor } from '../access/actor.js';
import { audit } from '../audit/audit.js';
import { Invalid, NotFound } from '../common/errors.js';
import { formatVnDate, isLocalDate } from '../common/local-date.js';
import { Transactions } from '../database/transactions.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { FILE_STORE, type FileStore } from '../storage/file-store.js';
import { TasksRepository } from '../tasks/tasks.repository.js';
import { EvidenceFile } from './entities/evidence-file.entity.js';
import { acceptEvidence, MISSING_FILES_NOTE, missingFilesNote, storedName, uploadedName, zipPaths, type ZipEntryInput } from './evidence-files.js';
import { EvidenceRepository } from './evidence.repository.js';

/** A file as the API lists it. */
export interface EvidenceView {
  id: number;
  taskId: number;
  dueOn: string | null;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
}

export function evidenceView(f: EvidenceFile): EvidenceView {
  return { id: f.id, taskId: f.taskId, dueOn: f.dueOn, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, uploadedBy: f.uploadedBy, createdAt: f.createdAt };
}

/** What multer hands over: a temporary file. */
export interface Upload {
  path: string;
  originalname: string;
  size: number;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Evidence files of task completions: received (type checked from the content),
 * kept in the file store, listed, served, removed; each upload and removal in
 * the audit trail, in the same transaction as the row.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: EvidenceRepository,
    private readonly tasks: TasksRepository,
    private readonly plans: PlansRepository,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  async upload(actor: UserActor, taskId: number, file: Upload | undefined, dueOn?: string): Promise<EvidenceView> {
    if (!file) throw new Invalid('file: hãy chọn một tệp để tải lên (multipart/form-data, trường "file")', 'file');
    try {
      if (dueOn !== undefined && dueOn !== '' && !isLocalDate(dueOn)) throw new Invalid('dueOn: phải là ngày có thật, dạng YYYY-MM-DD', 'dueOn');
      const original = uploadedName(file.originalname);
      if (file.size === 0) throw new Invalid(`Tệp "${original}" rỗng`, 'file');
      const accepted = acceptEvidence(await fileTypeFromFile(file.path), original);
      if (!accepted.ok) throw new Invalid(accepted.message, 'file');
      const sha256 = await sha256Of(file.path);
      const key = `ev-${randomUUID()}`;
      let written = false;
      try {
        return await this.tx.run(async (em) => {
          const task = await this.tasks.load(em, taskId);
          if (!task) throw new NotFound('nhiệm vụ', taskId);
          const plan = (await this.plans.load(task.planId, em))!;
          const due = dueOn || null;
          if (due) {
            const dates = (await this.tasks.dueDates(em, taskId)).map((d) => d.dueOn);
            if (!dates.includes(due)) {
              throw new Invalid(`dueOn: nhiệm vụ không có hạn ngày ${formatVnDate(due)} (các hạn: ${dates.filter(Boolean).map((d) => formatVnDate(d!)).join(', ') || 'không có'})`, 'dueOn');
            }
          }
          await this.store.put(key, file.path, em);
          written = true;
          const row = await this.repo.insert(em, {
            taskId, planId: task.planId, unitId: plan.unitId, dueOn: due, name: storedName(original, accepted.ext), mime: accepted.mime,
            size: file.size, sha256, storage: this.store.kind, storageKey: key, uploadedBy: actor.name, uploadedByUserId: actor.userId,
          });
          await audit(em, actor, {
            unitId: plan.unitId, entity: 'task', entityId: taskId, action: 'evidence_added',
            changes: { evidence: { from: null, to: { id: row.id, name: row.name, size: row.size, dueOn: row.dueOn } } },
          });
          return evidenceView(row);
        });
      } catch (e) {
        // the database store rolled back with the transaction; a file on disk goes by hand
        if (written && this.store.kind === 'disk') await this.store.remove(key).catch(() => undefined);
        throw e;
      }
    } finally {
      await rm(file.path, { force: true });
    }
  }

  list(taskId: number): Promise<EvidenceView[]> {
    return this.tx.read(async (em) => {
      if (!(await this.tasks.load(em, taskId))) throw new NotFound('nhiệm vụ', taskId);
      return (await this.repo.ofTask(taskId, em)).map(evidenceView);
    });
  }

  /** A file of a task, with its bytes; 404 when it is another task's, or gone. */
  async open(taskId: number, fileId: number): Promise<{ file: EvidenceView; body: Readable }> {
    const row = await this.repo.one(taskId, fileId);
    if (!row) throw new NotFound('tệp minh chứng', fileId);
    const body = await this.store.open(row.storageKey);
    if (!body) throw new NotFoundException(`Tệp minh chứng "${row.name}" không còn trong kho lưu trữ`);
    return { file: evidenceView(row), body };
  }

  async remove(actor: UserActor, taskId: number, fileId: number): Promise<void> {
    const row = await this.tx.run(async (em) => {
      const r = await this.repo.one(taskId, fileId, em);
      if (!r) throw new NotFound('tệp minh chứng', fileId);
      await this.repo.remove(em, r.id);
      if (this.store.kind === 'database') await this.store.remove(r.storageKey, em);
      await audit(em, actor, {
        unitId: r.unitId, entity: 'task', entityId: taskId, action: 'evidence_removed',
        changes: { evidence: { from: { id: r.id, name: r.name, size: r.size, dueOn: r.dueOn }, to: null } },
      });
      return r;
    });
    if (this.store.kind === 'disk') await this.store.remove(row.storageKey);
  }

  /** The files of these tasks, by task: what a report's task lines name. */
  async ofTasks(taskIds: number[], em?: EntityManager): Promise<Map<number, EvidenceView[]>> {
    const out = new Map<number, EvidenceView[]>();
    for (const f of await this.repo.ofTasks(taskIds, em)) {
      const list = out.get(f.taskId) ?? [];
      list.push(evidenceView(f));
      out.set(f.taskId, list);
    }
    return out;
  }

  /**
   * A zip of these files, foldered by Phụ lục and task, streamed: each file is
   * opened only when the zip reaches it. A file the store no longer holds is
   * left out and named in a note inside the zip (MISSING_FILES_NOTE).
   */
  async zip(entries: ZipEntryInput[]): Promise<Readable> {
    const rows = new Map((await this.repo.byIds(entries.map((e) => e.fileId))).map((r) => [r.id, r]));
    const listed = entries.filter((e) => rows.has(e.fileId));
    const held = await this.store.has(listed.map((e) => rows.get(e.fileId)!.storageKey));
    const zip = new yazl.ZipFile();
    const missing: string[] = [];
    for (const { fileId, path } of zipPaths(listed)) {
      const row = rows.get(fileId)!;
      if (!held.has(row.storageKey)) {
        missing.push(path);
        continue;
      }
      // images and office files are compressed already
      const compress = !/^image\/|openxmlformats/.test(row.mime);
      zip.addReadStreamLazy(path, { compress, mtime: row.createdAt }, (cb) => {
        this.store.open(row.storageKey).then((s) => cb(s ? null : new Error(`evidence ${fileId} is gone`), s!), (e) => cb(e, null as never));
      });
    }
    if (missing.length) zip.addBuffer(Buffer.from(missingFilesNote(missing), 'utf8'), MISSING_FILES_NOTE);
    zip.end();
    return zip.outputStream as Readable;
  }
}
