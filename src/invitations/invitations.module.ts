import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistrationsModule } from '../registrations/index.js';
import { SeminarsModule } from '../seminars/index.js';
import { Invitation } from './invitation.entity.js';
import { InvitationsConsoleController } from './invitations-console.controller.js';
import { InvitationsPagesController } from './invitations-pages.controller.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { Suppression } from './suppression.entity.js';
import { SuppressionService } from './suppression.service.js';
import { UnsubscribePagesController } from './unsubscribe-pages.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Invitation, Suppression]), SeminarsModule, RegistrationsModule],
  controllers: [InvitationsController, InvitationsPagesController, InvitationsConsoleController, UnsubscribePagesController],
  providers: [InvitationsService, SuppressionService],
  exports: [InvitationsService],
})
export class InvitationsModule {}
