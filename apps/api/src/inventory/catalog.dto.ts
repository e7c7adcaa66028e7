import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import {
  CATALOG_SORT_FIELDS,
  CATALOG_SOURCES,
  CATALOG_STATUSES,
  COMPONENT_TYPES,
  LIMITS,
  hasControlCharacters,
  isOneOf,
  textLength,
  type CatalogModel,
  type CatalogModelCreate,
  type CatalogModelUpdate,
  type CatalogQuery,
  type CatalogSortField,
  type CatalogSource,
  type CatalogStatus,
  type ComponentType,
} from '@bdc/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { isoOrNull } from '../common/strict-date-time';
import { Present, TextRules } from '../common/text-rules';
import type { CatalogModelEntity } from './catalog-model.entity';

const SORT_VALUES = CATALOG_SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

/**
 * Why `value` cannot be stored as a catalog model's `specifications`, or null. Unlike a ticket item's,
 * it may nest (vendor fields as they came) but within bounds: depth, key count and size are checked
 * walking a work list, the depth first, so a hostile shape costs nothing. The typed keys are checked
 * per component type by the service (SPEC_SCHEMAS), which names the key.
 */
export function catalogSpecificationsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const pending: [unknown, number][] = [[value, 1]];
  let keys = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (depth > LIMITS.catalogSpecificationsDepthMax) return `must be nested at most ${LIMITS.catalogSpecificationsDepthMax} levels deep`;
    const entries: [string | null, unknown][] = Array.isArray(node) ? node.map((v) => [null, v]) : Object.entries(node as Record<string, unknown>);
    for (const [key, child] of entries) {
      keys++;
      if (keys > LIMITS.catalogSpecificationsKeysMax) return `must have at most ${LIMITS.catalogSpecificationsKeysMax} keys and list entries in all`;
      if (key !== null && (key.trim() === '' || textLength(key) > LIMITS.specificationsKeyMax || hasControlCharacters(key, 'single-line'))) {
        return `keys must be 1 to ${LIMITS.specificationsKeyMax} characters without control characters`;
      }
      if (typeof child === 'string' && hasControlCharacters(child, 'multi-line')) return `value of "${key ?? 'a list entry'}" contains control characters`;
      if (typeof child === 'number' && !Number.isFinite(child)) return 'numbers must be finite';
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > LIMITS.catalogSpecificationsBytesMax) return `must be at most ${LIMITS.catalogSpecificationsBytesMax} bytes as JSON (is ${bytes})`;
  return null;
}

function IsCatalogSpecifications(): PropertyDecorator {
  return ValidateBy({
    name: 'isCatalogSpecifications',
    validator: {
      validate: (value: unknown) => catalogSpecificationsProblem(value) === null,
      defaultMessage: (args) => catalogSpecificationsProblem(args?.value) ?? 'is invalid',
    },
  });
}

// ---- requests -----------------------------------------------------------------------------------

/**
 * Series and family: optional, null clears, otherwise a single line. The decorators are listed in
 * the order stacked ones would be applied (bottom first), so the metadata is registered as before.
 */
function OptionalModelText(): PropertyDecorator {
  return applyDecorators(
    TextRules({ max: LIMITS.catalogModelMax, kind: 'single-line' }),
    ValidateIf((_o, v) => v !== null),
    IsOptional(),
    ApiPropertyOptional({ type: String, nullable: true }),
  );
}

export class CatalogQueryDto extends PageQueryDto implements CatalogQuery {
  @ApiPropertyOptional({ enum: COMPONENT_TYPES })
  @IsOptional()
  @IsIn(COMPONENT_TYPES)
  type?: ComponentType;

  @ApiPropertyOptional({ description: 'Exact brand (case-insensitive)' })
  @IsOptional()
  @TextRules({ max: LIMITS.brandMax, kind: 'single-line' })
  brand?: string;

  @ApiPropertyOptional({ description: 'Search in brand, model, series and family; or an exact model UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.searchMax, kind: 'single-line' })
  q?: string;

  @ApiPropertyOptional({ enum: [...CATALOG_STATUSES, 'all'], default: 'active', description: 'Retired models are listed only when asked for' })
  @IsOptional()
  @IsIn([...CATALOG_STATUSES, 'all'])
  status?: CatalogStatus | 'all';

  @ApiPropertyOptional({ enum: SORT_VALUES, default: 'type', description: 'A leading `-` sorts descending' })
  @IsOptional()
  @IsIn(SORT_VALUES)
  sort?: CatalogSortField | `-${CatalogSortField}`;
}

export class CatalogModelCreateDto implements CatalogModelCreate {
  @ApiPropertyOptional({ description: 'The model UUID (BDC IMS key); generated when omitted' })
  @IsOptional()
  @TextRules({ max: LIMITS.catalogUuidMax, kind: 'single-line', required: true })
  uuid?: string;

  @ApiProperty({ enum: COMPONENT_TYPES })
  @IsIn(COMPONENT_TYPES)
  componentType: ComponentType;

  @ApiProperty({ maxLength: LIMITS.brandMax })
  @TextRules({ max: LIMITS.brandMax, kind: 'single-line', required: true })
  brand: string;

  @ApiProperty({ maxLength: LIMITS.catalogModelMax })
  @TextRules({ max: LIMITS.catalogModelMax, kind: 'single-line', required: true })
  model: string;

  @OptionalModelText()
  series?: string | null;

  @OptionalModelText()
  family?: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Keys of SPEC_SCHEMAS[componentType] (libs/contracts) plus vendor fields' })
  @IsObject()
  @IsCatalogSpecifications()
  specifications: Record<string, unknown>;
}

export class CatalogModelUpdateDto implements CatalogModelUpdate {
  @ApiPropertyOptional({ maxLength: LIMITS.brandMax })
  @Present()
  @TextRules({ max: LIMITS.brandMax, kind: 'single-line', required: true })
  brand?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.catalogModelMax })
  @Present()
  @TextRules({ max: LIMITS.catalogModelMax, kind: 'single-line', required: true })
  model?: string;

  @OptionalModelText()
  series?: string | null;

  @OptionalModelText()
  family?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the whole object' })
  @Present()
  @IsObject()
  @IsCatalogSpecifications()
  specifications?: Record<string, unknown>;
}

// ---- responses (documentation classes) ----------------------------------------------------------

export class CatalogModelDto implements CatalogModel {
  @ApiProperty() uuid: string;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty() brand: string;
  @ApiProperty() model: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) series: string | null;
  @ApiProperty({ type: String, nullable: true }) family: string | null;
  @ApiProperty({ enum: CATALOG_STATUSES }) status: CatalogStatus;
  @ApiProperty({ enum: CATALOG_SOURCES }) source: CatalogSource;
  @ApiProperty({ type: 'object', additionalProperties: true }) specifications: Record<string, unknown>;
  @ApiProperty({ description: 'Spare units with status available' }) availableUnits: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CatalogPageDto {
  @ApiProperty({ type: [CatalogModelDto] }) items: CatalogModelDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

// ---- mappers ------------------------------------------------------------------------------------

/** "Intel Xeon Gold 6430": brand + model, without repeating a brand the model already names. */
export function modelDisplayName(model: Pick<CatalogModelEntity, 'brand' | 'model'>): string {
  return model.model.toLowerCase().startsWith(model.brand.toLowerCase()) ? model.model : `${model.brand} ${model.model}`;
}

// Stored values are checked on the way out, so a stray value cannot break the contract type.
const componentTypeOf = (value: string): ComponentType => (isOneOf(COMPONENT_TYPES, value) ? value : 'pciecard');

export function toCatalogModel(model: CatalogModelEntity, availableUnits: number): CatalogModel {
  return {
    uuid: model.uuid,
    componentType: componentTypeOf(model.componentType),
    brand: model.brand,
    model: model.model,
    name: modelDisplayName(model),
    series: model.series,
    family: model.family,
    status: isOneOf(CATALOG_STATUSES, model.status) ? model.status : 'retired',
    source: isOneOf(CATALOG_SOURCES, model.source) ? model.source : 'manual',
    specifications: model.specifications ?? {},
    availableUnits,
    createdAt: isoOrNull(model.createdAt) ?? '',
    updatedAt: isoOrNull(model.updatedAt) ?? '',
  };
}
