import { Module } from '@nestjs/common';
import { AccessModule } from './access/access.module';
import { AuthModule } from './auth/auth.module';
import { CommentsModule } from './comments/comments.module';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { InventoryModule } from './inventory/inventory.module';
import { TicketItemsModule } from './ticket-items/ticket-items.module';
import { TicketsModule } from './tickets/tickets.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    AccessModule,
    AuthModule,
    UsersModule,
    InventoryModule,
    HistoryModule,
    TicketItemsModule,
    TicketsModule,
    CommentsModule,
    HealthModule,
  ],
})
export class AppModule {}
