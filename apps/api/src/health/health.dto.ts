import { ApiProperty } from '@nestjs/swagger';
import type { HealthResponse, LivenessResponse, ReadinessResponse } from '@bdc/contracts';

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['sqlite', 'mysql'] }) engine: 'sqlite' | 'mysql';
  @ApiProperty() version: string;
}

export class LivenessResponseDto implements LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ description: 'Seconds since this process started' }) uptimeSeconds: number;
}

export class ReadinessResponseDto implements ReadinessResponse {
  @ApiProperty({ enum: ['ready', 'draining', 'unavailable'] }) status: 'ready' | 'draining' | 'unavailable';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['sqlite', 'mysql'] }) engine: 'sqlite' | 'mysql';
  @ApiProperty() version: string;
}
