import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Seminar } from './seminar.entity.js';
import { SeminarsPagesController } from './seminars-pages.controller.js';
import { SeminarsController } from './seminars.controller.js';
import { SeminarsService } from './seminars.service.js';
import { CatalogueService } from './catalogue.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Seminar])],
  controllers: [SeminarsController, SeminarsPagesController],
  providers: [SeminarsService, CatalogueService],
  exports: [SeminarsService],
})
export class SeminarsModule {}
