import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { City, Sector } from './list-entry.entity.js';
import { ListsConsoleController } from './lists-console.controller.js';
import { ListsService } from './lists.service.js';
import { ListSuggestionsMiddleware } from './list-suggestions.middleware.js';

/** The managed lists of cities and sectors: names in kk/ru/en, other spellings, and the console page. */
@Module({
  imports: [TypeOrmModule.forFeature([City, Sector])],
  controllers: [ListsConsoleController],
  providers: [ListsService],
  exports: [ListsService],
})
export class ListsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The pages with a city or sector field: a seminar's page and sign-up, an invitation's link, the seminar form.
    consumer.apply(ListSuggestionsMiddleware).forRoutes('seminars/*path', 'i/*path', 'admin/seminars/*path');
  }
}
