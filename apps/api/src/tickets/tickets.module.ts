import { Module } from '@nestjs/common';
import { LiveEventsModule } from '../notifications/live/live-events.module';
import { HistoryModule } from '../history/history.module';
import { TicketItemsModule } from '../ticket-items/ticket-items.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { TicketAccessModule } from './ticket-access.module';
import { TicketChangesService } from './ticket-changes.service';
import { TicketConflictsRepository } from './ticket-conflicts.repository';
import { TicketConflictsService } from './ticket-conflicts.service';
import { TicketCreationRepository } from './ticket-creation.repository';
import { TicketExportController } from './ticket-export.controller';
import { TicketExportService } from './ticket-export.service';
import { SavedFiltersController } from './saved-filters/saved-filters.controller';
import { SavedFiltersService } from './saved-filters/saved-filters.service';
import { TicketNumberingService } from './ticket-numbering.service';
import { TicketViewsService } from './ticket-views.service';
import { TicketWorkflowController } from './ticket-workflow.controller';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';
import { WorkflowService } from './workflow.service';

@Module({
  imports: [TicketAccessModule, HistoryModule, TicketItemsModule, UsersModule, NotificationsModule, LiveEventsModule],
  controllers: [TicketsController, TicketWorkflowController, TicketExportController, SavedFiltersController],
  providers: [TicketExportService, SavedFiltersService, TicketConflictsRepository, TicketConflictsService, TicketCreationRepository, TicketNumberingService, TicketViewsService, TicketChangesService, TicketsService, WorkflowService],
  exports: [TicketsService, WorkflowService, TicketViewsService],
})
export class TicketsModule {}
