import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommentsModule } from '../comments/comments.module';
import { HistoryModule } from '../history/history.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';
import { LegacyAuthActions } from './legacy-auth.actions';
import { LegacyController } from './legacy.controller';
import { LegacyTicketActions } from './legacy-ticket.actions';
import { LegacyWorkflowSteps } from './legacy-workflow-steps';

/** `/api/api.php`: the BDC IMS action API over the same services as the REST API. */
@Module({
  imports: [AuthModule, TicketsModule, CommentsModule, HistoryModule, UsersModule],
  controllers: [LegacyController],
  providers: [LegacyAuthActions, LegacyTicketActions, LegacyWorkflowSteps],
})
export class LegacyModule {}
