import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** install_info: this installation's id (the Redis key prefix of its jobs). */
export class InstallInfo1764300000000 implements MigrationInterface {
  name = 'InstallInfo1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'install_info',
      columns: [
        { name: 'key', type: 'varchar', length: '40', isPrimary: true },
        { name: 'value', type: 'varchar', length: '200' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('install_info');
  }
}
