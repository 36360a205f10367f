import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity.js';
import { AccountsAdminService } from './accounts-admin.service.js';
import { AccountsConsoleController } from './accounts-console.controller.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { LoginThrottle } from './login-throttle.js';
import { OwnAccountConsoleController } from './own-account-console.controller.js';
import { RolesGuard } from './roles.guard.js';
import { TokensService } from './tokens.service.js';

/** Global so that every feature can guard its routes with @Auth(). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Account])],
  controllers: [AccountsController, AccountsConsoleController, OwnAccountConsoleController],
  providers: [AccountsService, AccountsAdminService, TokensService, RolesGuard, LoginThrottle],
  exports: [AccountsService, TokensService, RolesGuard],
})
export class AccountsModule {}
