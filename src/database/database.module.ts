import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AppSetting } from './app-setting.entity.js';
import { resolveAppSecret } from './app-secret.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { runMigrations } from './migrate.js';
import { RateLimits } from './rate-limits.js';
import { SettingsService } from './settings.service.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { guardWrites, WritePath } from './write-path.js';

/** The secret that signs tokens and links: APP_SECRET, or on SQLite one generated once into a file (see app-secret.ts). */
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
    RateLimits,
    SettingsService,
    SqliteCheckpointer,
    {
      provide: APP_SECRET,
      inject: [AppConfig, DataSource, WritePath],
      useFactory: (config: AppConfig, dataSource: DataSource, writePath: WritePath) => resolveAppSecret(config, dataSource, writePath),
    },
  ],
  exports: [WritePath, RateLimits, SettingsService, APP_SECRET],
})
export class DatabaseModule {}
