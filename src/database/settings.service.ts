import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AppSetting } from './app-setting.entity.js';
import { WritePath } from './write-path.js';

/** Shared key/value state that every instance on one database sees. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectRepository(AppSetting) private readonly settings: Repository<AppSetting>,
    private readonly writePath: WritePath,
  ) {}

  async get(key: string): Promise<string | null> {
    const row = await this.settings.findOneBy({ key });
    return row?.value ?? null;
  }

  /** Stores `value` unless the key exists already; returns whichever value won (safe across instances). */
  getOrCreate(key: string, create: () => string): Promise<string> {
    return this.writePath.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(AppSetting).values({ key, value: create() }).orIgnore().execute();
      return (await manager.findOneByOrFail(AppSetting, { key })).value;
    });
  }

  /** Inside the caller's write-path transaction, so the setting changes together with what it describes. */
  async set(manager: EntityManager, key: string, value: string): Promise<void> {
    await manager.getRepository(AppSetting).upsert({ key, value }, ['key']);
  }
}
