import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMITS, TICKET_TYPES, type DashboardQuery, type TicketType } from '@bdc/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { IsStrictDateTime } from '../common/strict-date-time';
import { TextRules } from '../common/text-rules';

export class DashboardQueryDto implements DashboardQuery {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Start of the period (default: 30 days before `to`)' })
  @IsOptional()
  @IsStrictDateTime()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'End of the period, excluded (default: now); at most 366 days after `from`' })
  @IsOptional()
  @IsStrictDateTime()
  to?: string;

  @ApiPropertyOptional({ description: 'Target server UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.serverUuidMax, kind: 'single-line' })
  server?: string;

  @ApiPropertyOptional({ enum: TICKET_TYPES })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  ticketType?: TicketType;
}

/** Swagger's view of the answer; the shape is the contracts' `Dashboard`. */
export class DashboardDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ from, to }: the period' }) range: { from: string; to: string };
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Open tickets now: total, byStatus, byPriority, byType' }) open: object;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per UTC day: { day, created, completed }' }) perDay: object[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'submitToApproval, approvalToDeploy, deployToCompletion: { count, medianSeconds, p90Seconds }' }) stageTimes: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ approvals, rejections, approvalRate, rejectionRate }' }) decisions: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ deployments, rollbacks, rate }' }) rollbacks: object;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '{ technician, approved, inProgress, deployed, total }' }) workload: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: '{ id, ticketNumber, title, status, waitingSince }' }) oldestWaiting: object[];
}
