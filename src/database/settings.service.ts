import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppSetting } from './app-setting.entity.js';

/** Shared key/value state that every instance on one database sees. */
@Injectable()
export class SettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(key: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(AppSetting).findOneBy({ key });
    return row?.value ?? null;
  }

  /** Stores `value` unless the key exists already; returns whichever value won (safe across instances). */
  async getOrCreate(key: string, create: () => string): Promise<string> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AppSetting)
      .values({ key, value: create() })
      .orIgnore()
      .execute();
    return (await this.get(key))!;
  }

  async set(key: string, value: string): Promise<void> {
    await this.dataSource.getRepository(AppSetting).upsert({ key, value }, ['key']);
  }
}
