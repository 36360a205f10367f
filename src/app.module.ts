import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AppConfigModule } from './config/app-config.module.js';
import { CsrfMiddleware } from './common/csrf.middleware.js';
import { RequestIdMiddleware } from './common/request-id.middleware.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from './health/health.controller.js';
import { LanguageMiddleware } from './i18n/language.middleware.js';
import { MailModule } from './mail/mail.module.js';
import { SeminarsModule } from './seminars/seminars.module.js';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    AuditModule,
    AccountsModule,
    MailModule,
    SeminarsModule,
    // feature modules: add yours below this line
  ],
  controllers: [HealthController],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, LanguageMiddleware, CsrfMiddleware).forRoutes('{*path}');
  }
}
