import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ListsModule } from '../lists/index.js';
import { Seminar } from './seminar.entity.js';
import { SeminarsPagesController } from './seminars-pages.controller.js';
import { SeminarsController } from './seminars.controller.js';
import { SeminarsService } from './seminars.service.js';
import { CatalogueService } from './catalogue.service.js';
import { SeminarFormService } from './seminar-form.service.js';
import { SeminarsConsoleController } from './seminars-console.controller.js';

/** Seminars: the API, the public catalogue and seminar pages, and the console's seminar pages. */
@Module({
  imports: [TypeOrmModule.forFeature([Seminar]), ListsModule],
  controllers: [SeminarsController, SeminarsPagesController, SeminarsConsoleController],
  providers: [SeminarsService, CatalogueService, SeminarFormService],
  exports: [SeminarsService],
})
export class SeminarsModule {}
