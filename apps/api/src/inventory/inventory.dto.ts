import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { COMPONENT_TYPES, LIMITS, isOneOf, type CatalogModel, type ComponentType } from '@bdc/contracts';
import type { CatalogModelEntity } from './catalog-model.entity';
import { TextRules } from '../common/text-rules';

// ---- requests -----------------------------------------------------------------------------------

export class CatalogQueryDto {
  @ApiPropertyOptional({ enum: COMPONENT_TYPES })
  @IsOptional()
  @IsIn(COMPONENT_TYPES)
  type?: ComponentType;

  @ApiPropertyOptional({ description: 'Search in brand and model; or an exact model UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.searchMax, kind: 'single-line' })
  q?: string;
}

// ---- responses (documentation classes; the services return the contract interfaces) ------------

export class CatalogModelDto implements CatalogModel {
  @ApiProperty() uuid: string;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty() brand: string;
  @ApiProperty() model: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) specifications: Record<string, unknown>;
  @ApiProperty({ description: 'Spare units with status available' }) availableUnits: number;
}

export class CatalogListDto {
  @ApiProperty({ type: [CatalogModelDto] }) items: CatalogModelDto[];
  @ApiProperty() total: number;
}

// ---- mappers ------------------------------------------------------------------------------------

/** "Intel Xeon Gold 6430": brand + model, without repeating a brand the model already names. */
export function modelDisplayName(model: Pick<CatalogModelEntity, 'brand' | 'model'>): string {
  return model.model.toLowerCase().startsWith(model.brand.toLowerCase()) ? model.model : `${model.brand} ${model.model}`;
}

// Stored values are checked on the way out, so a stray value from an import cannot break the contract type.
const componentTypeOf = (value: string): ComponentType => (isOneOf(COMPONENT_TYPES, value) ? value : 'pciecard');

export function toCatalogModel(model: CatalogModelEntity, availableUnits: number): CatalogModel {
  return {
    uuid: model.uuid,
    componentType: componentTypeOf(model.componentType),
    brand: model.brand,
    model: model.model,
    name: modelDisplayName(model),
    specifications: model.specifications ?? {},
    availableUnits,
  };
}
