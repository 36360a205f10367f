import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AccountsModule } from './accounts/index.js';
import { AuditModule } from './audit/index.js';
import { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.module.js';
import { CsrfMiddleware } from './common/csrf.middleware.js';
import { RequestIdMiddleware } from './common/request-id.middleware.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from './health/index.js';
import { LanguageMiddleware } from './i18n/language.middleware.js';
import { MailModule } from './mail/index.js';
import { SeminarsModule } from './seminars/index.js';
import { AttendanceModule } from './attendance/index.js';
import { InvitationsModule } from './invitations/index.js';
import { RegistrationsModule } from './registrations/index.js';
import { ConsoleModule } from './console/index.js';
import { PrivacyModule } from './privacy/index.js';
import { OutcomesModule } from './outcomes/index.js';
import { MeetingsModule } from './meetings/index.js';
import { CertificatesModule } from './certificates/index.js';
import { ListsModule } from './lists/index.js';

@Module({
  imports: [
    DatabaseModule,
    AuditModule,
    AccountsModule,
    MailModule,
    SeminarsModule,
    ConsoleModule,
    PrivacyModule,
    RegistrationsModule,
    ListsModule,
    AttendanceModule,
    InvitationsModule,
    OutcomesModule,
    MeetingsModule,
    CertificatesModule,
  ],
  controllers: [HealthController],
})
export class AppModule implements NestModule {
  /** The application with its settings: `createApp` builds it from the one AppConfig it is given. */
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [AppConfigModule.forRoot(config)] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, LanguageMiddleware, CsrfMiddleware).forRoutes('{*path}');
  }
}
