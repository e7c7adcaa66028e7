import cluster from 'node:cluster';
import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { TicketAccessModule } from '../../tickets/ticket-access.module';
import { ClusterLiveBus, InProcessLiveBus, LiveBus, liveChannelFor, RedisLiveBus } from './live-bus';
import { LiveEventsController } from './live-events.controller';
import { LiveEventsService } from './live-events.service';

@Module({
  imports: [TicketAccessModule],
  controllers: [LiveEventsController],
  providers: [
    {
      provide: LiveBus,
      inject: [AppConfig],
      // Redis when configured, so that a change made on one API process reaches streams on all of them;
      // without it the workers of one machine (WORKERS > 1) still reach each other through the cluster primary.
      useFactory: (config: AppConfig): LiveBus => {
        if (config.redisUrl) return new RedisLiveBus(config.redisUrl, liveChannelFor(config.dbUrl));
        return cluster.isWorker ? new ClusterLiveBus() : new InProcessLiveBus();
      },
    },
    LiveEventsService,
  ],
  exports: [LiveEventsService],
})
export class LiveEventsModule {}
