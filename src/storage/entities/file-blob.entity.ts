import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A stored file's bytes, when FILE_STORAGE=database (bytea on PostgreSQL, blob on SQLite). */
@Entity('file_blob')
export class FileBlob {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'blob' })
  bytes: Buffer;
}
