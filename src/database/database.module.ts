import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AppSetting } from './app-setting.entity.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { runMigrations } from './migrate.js';
import { SettingsService } from './settings.service.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { guardWrites, WritePath } from './write-path.js';

/** The secret that signs tokens and links: APP_SECRET, or one generated once and kept in the database. */
export const APP_SECRET = Symbol('APP_SECRET');

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config.database), retryAttempts: 2, retryDelay: 1000 }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        guardWrites(dataSource);
        return dataSource;
      },
    }),
    TypeOrmModule.forFeature([AppSetting]),
  ],
  providers: [
    WritePath,
    SettingsService,
    SqliteCheckpointer,
    {
      provide: APP_SECRET,
      inject: [AppConfig, SettingsService],
      useFactory: async (config: AppConfig, settings: SettingsService) =>
        config.appSecret ?? settings.getOrCreate('app_secret', () => randomBytes(32).toString('base64url')),
    },
  ],
  exports: [WritePath, SettingsService, APP_SECRET],
})
export class DatabaseModule {}
