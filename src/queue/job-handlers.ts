import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ON_JOB, OnJobMeta } from './on-job.decorator.js';
import { JOBS, JobName } from './queue-names.js';

export interface JobHandler extends OnJobMeta {
  /** Where it is declared, for messages: Class.method */
  source: string;
  run(data: unknown): Promise<unknown>;
}

/**
 * Finds the @OnJob handlers the features declare. Start-up stops when a job
 * of JOBS has no handler, has two, or a handler names an unknown job.
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly byName = new Map<JobName, JobHandler>();

  constructor(private readonly discovery: DiscoveryService, private readonly scanner: MetadataScanner) {}

  onModuleInit(): void {
    const found: JobHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const { instance } = wrapper;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const meta = Reflect.getMetadata(ON_JOB, proto[method]) as OnJobMeta | undefined;
        if (!meta) continue;
        found.push({ ...meta, source: `${instance.constructor.name}.${method}`, run: (data) => proto[method].call(instance, data) });
      }
    }
    this.register(found);
  }

  /** Checks and keeps the handlers: one for every job name, none for a name it does not know. */
  register(found: JobHandler[]): void {
    const known = new Set<string>(Object.values(JOBS));
    const problems: string[] = [];
    for (const h of found) {
      if (!known.has(h.name)) problems.push(`${h.source} xử lý công việc "${h.name}" không có trong JOBS`);
      else if (this.byName.has(h.name)) problems.push(`công việc "${h.name}" có hai xử lý: ${this.byName.get(h.name)!.source} và ${h.source}`);
      else this.byName.set(h.name, h);
    }
    for (const name of known) if (!this.byName.has(name as JobName)) problems.push(`công việc "${name}" không có xử lý (@OnJob)`);
    if (problems.length) throw new Error(`Không khởi động được hàng đợi: ${problems.join('; ')}`);
  }

  get(name: string): JobHandler | undefined {
    return this.byName.get(name as JobName);
  }

  all(): JobHandler[] {
    return [...this.byName.values()];
  }
}
