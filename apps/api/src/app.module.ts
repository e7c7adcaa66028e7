import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { AccessAdminModule } from './access-admin/access-admin.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { CommentsModule } from './comments/comments.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { CandidatesModule } from './inventory/candidates.module';
import { DirectEditModule } from './inventory/direct-edit.module';
import { InventoryModule } from './inventory/inventory.module';
import { LegacyModule } from './legacy/legacy.module';
import { NotificationsModule } from './notifications/notifications.module';
import { MyWorkModule } from './my-work/my-work.module';
import { LiveEventsModule } from './notifications/live/live-events.module';
import { MetricsModule } from './observability/metrics.module';
import { TicketItemsModule } from './ticket-items/ticket-items.module';
import { TicketsModule } from './tickets/tickets.module';
import { UsersModule } from './users/users.module';

/**
 * The application. Built with `AppModule.forRoot(config)` (see app.factory.ts) so that the
 * configuration, validated before Nest starts, is the instance every module injects; tests pass
 * their own AppConfig the same way.
 */
@Module({
  imports: [
    DatabaseModule,
    AccessModule,
    AuthModule,
    UsersModule,
    AccessAdminModule,
    InventoryModule,
    CandidatesModule,
    DirectEditModule,
    HistoryModule,
    TicketItemsModule,
    TicketsModule,
    DashboardModule,
    CommentsModule,
    AttachmentsModule,
    NotificationsModule,
    HealthModule,
    LegacyModule,
    LiveEventsModule,
    MyWorkModule,
    MetricsModule,
  ],
})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [AppConfigModule.forRoot(config)] };
  }
}
