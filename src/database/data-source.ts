// Entry point for the TypeORM CLI: `npx typeorm -d dist/database/data-source.js migration:run`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from './data-source-options.js';

export default new DataSource(buildDataSourceOptions(new AppConfig().database));
