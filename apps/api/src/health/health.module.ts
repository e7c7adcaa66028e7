import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { ServingState } from './serving-state';

@Module({ controllers: [HealthController], providers: [HealthService, ServingState], exports: [ServingState] })
export class HealthModule {}
