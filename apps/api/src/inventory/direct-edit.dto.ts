import { ApiPropertyOptional } from '@nestjs/swagger';
import { COMPONENT_TYPES, LIMITS, REMOVAL_DESTINATIONS, type ComponentType, type InstallUnitRequest, type RemovalDestination, type RemoveUnitQuery } from '@bdc/contracts';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { TextRules } from '../common/text-rules';

export class InstallUnitDto implements InstallUnitRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.idMax, description: 'The stock unit; or name it by serialNumber' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.idMax)
  unitId?: number;

  @ApiPropertyOptional({ maxLength: LIMITS.unitSerialMax, description: 'The stock unit by serial (with componentType when two types share it)' })
  @IsOptional()
  @TextRules({ max: LIMITS.unitSerialMax, kind: 'single-line', required: true })
  serialNumber?: string;

  @ApiPropertyOptional({ enum: COMPONENT_TYPES })
  @IsOptional()
  @IsIn(COMPONENT_TYPES)
  componentType?: ComponentType;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.slotMax, description: 'A free slot of the unit’s kind ("DIMM B1"); default the next free one' })
  @ValidateIf((_o: unknown, value: unknown) => value !== undefined && value !== null)
  @TextRules({ max: LIMITS.slotMax, kind: 'single-line', required: true })
  slot?: string | null;

  @ApiPropertyOptional({ maxLength: LIMITS.reasonMax, description: 'Why, kept on the unit log row' })
  @IsOptional()
  @TextRules({ max: LIMITS.reasonMax, kind: 'single-line' })
  note?: string;
}

export class RemoveUnitQueryDto implements RemoveUnitQuery {
  @ApiPropertyOptional({ enum: REMOVAL_DESTINATIONS, description: 'available: back to stock (the default); failed: for RMA; retired' })
  @IsOptional()
  @IsIn(REMOVAL_DESTINATIONS)
  destination?: RemovalDestination;

  @ApiPropertyOptional({ maxLength: LIMITS.reasonMax, description: 'Why, kept on the unit log row' })
  @IsOptional()
  @TextRules({ max: LIMITS.reasonMax, kind: 'single-line' })
  note?: string;
}
