import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small shared key/value state: the generated APP_SECRET, last runs of daily jobs. */
@Entity('app_setting')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
