import { MigrationInterface, QueryRunner } from 'typeorm';

const REFUSAL = 'audit_log is append-only';

/**
 * The audit trail refuses UPDATE and DELETE in the database itself, whatever
 * code (or hand-typed SQL) tries: records are only ever added.
 */
export class AuditAppendOnly1764200000000 implements MigrationInterface {
  name = 'AuditAppendOnly1764200000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '${REFUSAL}'; END $$`);
      await q.query('CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()');
      await q.query('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()');
      return;
    }
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`);
    await q.query(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query('DROP TRIGGER audit_log_no_truncate ON audit_log');
      await q.query('DROP TRIGGER audit_log_no_change ON audit_log');
      await q.query('DROP FUNCTION audit_log_append_only()');
      return;
    }
    await q.query('DROP TRIGGER audit_log_no_delete');
    await q.query('DROP TRIGGER audit_log_no_update');
  }
}
