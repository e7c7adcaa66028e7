import { ApiProperty } from '@nestjs/swagger';
import type { HealthResponse } from '@bdc/contracts';

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['sqlite', 'mysql'] }) engine: 'sqlite' | 'mysql';
  @ApiProperty() version: string;
}
