import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '../../src/config/config.module.js';
import { loadConfig } from '../../src/config/env.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { Transactions } from '../../src/database/transactions.js';
import { AppEvent, OnAppEvent } from '../../src/events/app-event.js';
import { EventBus } from '../../src/events/event-bus.js';
import { EventsModule } from '../../src/events/events.module.js';
import { Unit } from '../../src/organization/entities/unit.entity.js';
import { ENTITIES } from '../../src/schema.js';
import { freshDatabaseUrl } from '../support/app.js';

class UnitAdded extends AppEvent {
  static readonly eventName = 'test.unit-added';
  constructor(readonly unitId: number) {
    super();
  }
}

/** Records what it heard, and whether the unit was visible in the database when it heard it. */
@Injectable()
class Recorder {
  heard: { unitId: number; committed: boolean }[] = [];

  constructor(private readonly tx: Transactions) {}

  @OnAppEvent(UnitAdded)
  async onUnitAdded(e: UnitAdded): Promise<void> {
    const row = await this.tx.read((em) => em.findOneBy(Unit, { id: e.unitId }));
    this.heard.push({ unitId: e.unitId, committed: row !== null });
  }
}

@Module({ imports: [EventsModule], providers: [Recorder] })
class RecorderModule {}

/** The after-commit bus over a real database: an event fires once its change is committed, never on a rollback. */
describe(`after-commit events on ${process.env.E2E_DATABASE ?? 'sqlite'}`, () => {
  let app: INestApplicationContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await freshDatabaseUrl();
    drop = database.drop;
    const config = loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', DEMO_PLAN: 'off', SQLITE_NATIVE_BINDING: process.env.SQLITE_NATIVE_BINDING }, { signsTokens: false });
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES), EventsModule, RecorderModule] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const addUnit = (name: string, fail: boolean) => app.get(Transactions).run(async (em) => {
    const unit = await em.save(Unit, em.create(Unit, { name }));
    app.get(EventBus).publish(em, new UnitAdded(unit.id));
    if (fail) throw new Error('refused after the event was published');
    return unit;
  });

  it('publishes after the commit: the listener sees the committed row, before the change returns', async () => {
    const unit = await addUnit('Xã Có', false);
    expect(app.get(Recorder).heard).toEqual([{ unitId: unit.id, committed: true }]);
  });

  it('publishes nothing for a change that rolls back', async () => {
    const recorder = app.get(Recorder);
    const before = recorder.heard.length;
    await expect(addUnit('Xã Không', true)).rejects.toThrow('refused after the event was published');
    expect(recorder.heard.length).toBe(before);
    expect(await app.get(Transactions).read((em) => em.countBy(Unit, { name: 'Xã Không' }))).toBe(0);
  });

  it('refuses to publish outside a transaction', async () => {
    const db = app.get(Transactions);
    await expect(db.read(async (em) => app.get(EventBus).publish(em, new UnitAdded(0)))).rejects.toThrow(/afterCommit/);
  });
});
