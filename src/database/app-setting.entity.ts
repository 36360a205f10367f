import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small shared key/value state: last runs of daily jobs. Never a secret (see app-secret.ts). */
@Entity('app_setting')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
