import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { TicketAccessModule } from '../../tickets/ticket-access.module';
import { InProcessLiveBus, LiveBus, liveChannelFor, RedisLiveBus } from './live-bus';
import { LiveEventsController } from './live-events.controller';
import { LiveEventsService } from './live-events.service';

@Module({
  imports: [TicketAccessModule],
  controllers: [LiveEventsController],
  providers: [
    {
      provide: LiveBus,
      inject: [AppConfig],
      // Redis when configured, so that a change made on one API process reaches streams on all of them.
      useFactory: (config: AppConfig) => (config.redisUrl ? new RedisLiveBus(config.redisUrl, liveChannelFor(config.dbUrl)) : new InProcessLiveBus()),
    },
    LiveEventsService,
  ],
  exports: [LiveEventsService],
})
export class LiveEventsModule {}
