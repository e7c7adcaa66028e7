import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_TYPES,
  PROJECTED_SLOT_STATES,
  RULE_SEVERITIES,
  SLOT_KINDS,
  type BuildProblem,
  type ComponentType,
  type ProjectedBuild,
  type ProjectedSlot,
  type ProjectedSlotState,
  type RuleSeverity,
  type SlotKind,
  type TicketConflict,
} from '@bdc/contracts';

/** Swagger shapes of the compatibility parts of a validation report (docs/compatibility.md). */

export class BuildProblemDto implements BuildProblem {
  @ApiProperty({ description: 'Rule code (docs/compatibility.md)' }) rule: string;
  @ApiProperty({ enum: RULE_SEVERITIES }) severity: RuleSeverity;
  @ApiProperty() message: string;
  @ApiProperty({ type: [Number], description: 'Items (0-based) whose parts it concerns' }) items: number[];
}

export class ProjectedSlotDto implements ProjectedSlot {
  @ApiProperty({ enum: SLOT_KINDS }) kind: SlotKind;
  @ApiProperty({ type: String, nullable: true }) slot: string | null;
  @ApiProperty({ enum: PROJECTED_SLOT_STATES }) state: ProjectedSlotState;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true }) componentType: ComponentType | null;
  @ApiProperty({ type: String, nullable: true }) uuid: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: Number, nullable: true }) itemIndex: number | null;
}

export class ProjectedBuildDto implements ProjectedBuild {
  @ApiProperty() serverUuid: string;
  @ApiProperty() serverName: string;
  @ApiProperty({ type: [ProjectedSlotDto] }) slots: ProjectedSlotDto[];
}

export class TicketConflictDto implements TicketConflict {
  @ApiProperty() ticketId: number;
  @ApiProperty() ticketNumber: string;
  @ApiProperty({ type: [String] }) claims: string[];
  @ApiProperty({ description: 'The other ticket holds the stock reservation' }) reserved: boolean;
}

export class BuildReportExtrasDto {
  @ApiPropertyOptional({ type: [BuildProblemDto] }) build?: BuildProblemDto[];
  @ApiPropertyOptional({ type: ProjectedBuildDto }) projectedBuild?: ProjectedBuildDto;
  @ApiPropertyOptional({ type: [TicketConflictDto] }) conflicts?: TicketConflictDto[];
}
