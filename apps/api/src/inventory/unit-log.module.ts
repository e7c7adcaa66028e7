import { Module } from '@nestjs/common';
import { UnitLogRepository } from './unit-log.repository';
import { UnitLogService } from './unit-log.service';

/** Its own module so that both the inventory and the ticket fulfilment write through the one service. */
@Module({
  providers: [UnitLogRepository, UnitLogService],
  exports: [UnitLogService],
})
export class UnitLogModule {}
