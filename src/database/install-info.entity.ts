import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Facts about this installation, kept in its own database (its id, so that it never touches another install's Redis keys). */
@Entity('install_info')
export class InstallInfo {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  value: string;
}
