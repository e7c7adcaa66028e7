import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_SORTS,
  COMPONENT_TYPES,
  LIMITS,
  STOCK_STATUSES,
  UNIT_LOG_EVENTS,
  UNIT_LOG_SOURCES,
  hasControlCharacters,
  isOneOf,
  textLength,
  type ComponentQuery,
  type ComponentSort,
  type ComponentType,
  type ComponentUnit,
  type ComponentUnitDetail,
  type ReceiveUnitsRequest,
  type StockStatus,
  type UnitClaim,
  type UnitLogEntry,
  type UnitLogEvent,
  type UnitLogSource,
  type UnitStatusRequest,
  type UpdateUnitRequest,
  type UserSummary,
} from '@bdc/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { isoOrNull } from '../common/strict-date-time';
import { TextRules, trim } from '../common/text-rules';
import type { ComponentStockEntity } from './component-stock.entity';
import type { ComponentUnitLogEntity } from './unit-log.entity';

// ---- dates ----------------------------------------------------------------------------------------

/** `YYYY-MM-DD` naming a real calendar day within LIMITS' years (purchase, warranty: days, not instants). */
export function isStrictDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < LIMITS.dateTimeYearMin || year > LIMITS.dateTimeYearMax) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function IsStrictDay(): PropertyDecorator {
  return ValidateBy({ name: 'isStrictDay', validator: { validate: isStrictDay, defaultMessage: () => 'must be a date YYYY-MM-DD' } });
}

/** Optional and clearable: absent leaves it, null clears it, anything else must pass the rules. */
const clearable = ValidateIf((_o: unknown, value: unknown) => value !== undefined && value !== null);

/*
 * A clearable text or day field with its OpenAPI entry. The decorators are listed in the order
 * stacked ones would be applied (bottom first), so the metadata is registered as before.
 */
function ClearableText(max: number, kind: 'single-line' | 'multi-line', description?: string): PropertyDecorator {
  return applyDecorators(
    TextRules({ max, kind }),
    clearable,
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, ...(description === undefined ? {} : { description }) }),
  );
}

function ClearableDay(example?: string): PropertyDecorator {
  return applyDecorators(IsStrictDay(), clearable, ApiPropertyOptional({ type: String, nullable: true, ...(example === undefined ? {} : { example }) }));
}

// ---- requests -----------------------------------------------------------------------------------

export class ComponentListQueryDto extends PageQueryDto implements ComponentQuery {
  @ApiPropertyOptional({ enum: COMPONENT_TYPES })
  @IsOptional()
  @IsIn(COMPONENT_TYPES)
  type?: ComponentType;

  @ApiPropertyOptional({ description: 'Catalog model UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.uuidMax, kind: 'single-line' })
  model?: string;

  @ApiPropertyOptional({ enum: STOCK_STATUSES })
  @IsOptional()
  @IsIn(STOCK_STATUSES)
  status?: StockStatus;

  @ApiPropertyOptional({ description: 'Only units installed in this server' })
  @IsOptional()
  @TextRules({ max: LIMITS.serverUuidMax, kind: 'single-line' })
  serverUuid?: string;

  @ApiPropertyOptional({ description: 'Exact location' })
  @IsOptional()
  @TextRules({ max: LIMITS.locationMax, kind: 'single-line' })
  location?: string;

  @ApiPropertyOptional({ description: 'Warranty ends before this day (YYYY-MM-DD)' })
  @IsOptional()
  @IsStrictDay()
  warrantyBefore?: string;

  @ApiPropertyOptional({ description: 'Warranty ends within this many days from today (expired ones included)', minimum: 0, maximum: LIMITS.warrantyWithinDaysMax })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(LIMITS.warrantyWithinDaysMax)
  warrantyWithinDays?: number;

  @ApiPropertyOptional({ description: 'Search in serial number, notes, location and model name; or an exact model UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.searchMax, kind: 'single-line' })
  q?: string;

  @ApiPropertyOptional({ enum: COMPONENT_SORTS, description: '`field` or `-field` (descending); default by type and model' })
  @IsOptional()
  @IsIn(COMPONENT_SORTS)
  sort?: ComponentSort;
}

/** The export takes the list's filters, not its paging: it streams every matching unit. */
export class ComponentExportQueryDto {
  @IsOptional() @IsIn(COMPONENT_TYPES) type?: ComponentType;
  @IsOptional() @TextRules({ max: LIMITS.uuidMax, kind: 'single-line' }) model?: string;
  @IsOptional() @IsIn(STOCK_STATUSES) status?: StockStatus;
  @IsOptional() @TextRules({ max: LIMITS.serverUuidMax, kind: 'single-line' }) serverUuid?: string;
  @IsOptional() @TextRules({ max: LIMITS.locationMax, kind: 'single-line' }) location?: string;
  @IsOptional() @IsStrictDay() warrantyBefore?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(LIMITS.warrantyWithinDaysMax) warrantyWithinDays?: number;
  @IsOptional() @TextRules({ max: LIMITS.searchMax, kind: 'single-line' }) q?: string;
}

const SerialRules = () => TextRules({ max: LIMITS.unitSerialMax, kind: 'single-line', required: true });

export class ReceiveUnitsDto implements ReceiveUnitsRequest {
  @ApiProperty({ enum: COMPONENT_TYPES })
  @IsIn(COMPONENT_TYPES)
  componentType: ComponentType;

  @ApiProperty({ description: 'Catalog model UUID (must exist, be of this type and not be retired)' })
  @TextRules({ max: LIMITS.uuidMax, kind: 'single-line', required: true })
  uuid: string;

  @ApiPropertyOptional({ maxLength: LIMITS.unitSerialMax, description: 'One unit; or use `serials`' })
  @IsOptional()
  @SerialRules()
  serialNumber?: string;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.receiveSerialsMax, description: 'Many units of this model at once' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.receiveSerialsMax)
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => trim({ value: v } as Parameters<typeof trim>[0])) : value))
  @ValidateBy({
    name: 'isSerialList',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '' && textLength(v) <= LIMITS.unitSerialMax && !hasControlCharacters(v, 'single-line')),
      defaultMessage: () => `must be non-blank serial numbers of at most ${LIMITS.unitSerialMax} characters, without control characters`,
    },
  })
  serials?: string[];

  @ClearableText(LIMITS.locationMax, 'single-line')
  location?: string | null;

  @ClearableDay('2026-01-31')
  purchaseDate?: string | null;

  @ClearableDay('2029-01-31')
  warrantyEndDate?: string | null;

  @ClearableText(LIMITS.notesMax, 'multi-line')
  notes?: string | null;

  @ClearableText(LIMITS.flagMax, 'single-line')
  flag?: string | null;
}

export class UpdateUnitDto implements UpdateUnitRequest {
  @ClearableText(LIMITS.locationMax, 'single-line', 'Refused (409) while a ticket holds the unit')
  location?: string | null;

  @ClearableDay()
  purchaseDate?: string | null;

  @ClearableDay()
  warrantyEndDate?: string | null;

  @ClearableText(LIMITS.notesMax, 'multi-line')
  notes?: string | null;

  @ClearableText(LIMITS.flagMax, 'single-line')
  flag?: string | null;
}

export class UnitStatusDto implements UnitStatusRequest {
  @ApiProperty({ maxLength: LIMITS.reasonMax, description: 'Required: why (recorded in the unit log)' })
  @TextRules({ max: LIMITS.reasonMax, kind: 'multi-line', required: true })
  reason: string;
}

export class StockImportQueryDto {
  @ApiPropertyOptional({ description: 'true: only the per-row preview, nothing is written', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

// ---- responses (documentation classes; the services return the contract interfaces) ------------

export class ComponentUnitDto implements ComponentUnit {
  @ApiProperty() id: number;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty({ description: 'Catalog model UUID (shared by all units of the model)' }) uuid: string;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ enum: STOCK_STATUSES }) status: StockStatus;
  @ApiProperty({ type: String, nullable: true }) serverUuid: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ type: String, nullable: true }) slot: string | null;
  @ApiProperty({ type: String, nullable: true }) purchaseDate: string | null;
  @ApiProperty({ type: String, nullable: true }) warrantyEndDate: string | null;
  @ApiProperty({ type: String, nullable: true }) installationDate: string | null;
  @ApiProperty({ type: String, nullable: true }) flag: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

export class UnitClaimDto implements UnitClaim {
  @ApiProperty() ticketId: number;
  @ApiProperty() ticketNumber: string;
  @ApiProperty({ enum: ['install', 'remove'] }) direction: 'install' | 'remove';
}

export class ComponentUnitDetailDto extends ComponentUnitDto implements ComponentUnitDetail {
  @ApiProperty({ type: String, nullable: true }) serverName: string | null;
  @ApiProperty({ type: UnitClaimDto, nullable: true }) claim: UnitClaimDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ComponentPageDto {
  @ApiProperty({ type: [ComponentUnitDto] }) items: ComponentUnitDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ComponentListDto {
  @ApiProperty({ type: [ComponentUnitDto] }) items: ComponentUnitDto[];
  @ApiProperty() total: number;
}

export class UnitLogEntryDto implements UnitLogEntry {
  @ApiProperty() id: number;
  @ApiProperty() unitId: number;
  @ApiProperty({ enum: UNIT_LOG_EVENTS }) event: UnitLogEvent;
  @ApiProperty({ enum: UNIT_LOG_SOURCES }) source: UnitLogSource;
  @ApiProperty({ type: 'object', additionalProperties: true }) before: UnitLogEntry['before'];
  @ApiProperty({ type: 'object', additionalProperties: true }) after: UnitLogEntry['after'];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) ticket: UnitLogEntry['ticket'];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) user: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() createdAt: string;
}

export class StockImportResultDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() created: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) counts: { new: number; duplicate: number; invalid: number };
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) rows: unknown[];
}

// ---- mappers ------------------------------------------------------------------------------------

// Stored values are checked on the way out, so a stray value from an import cannot break the contract type.
export const componentTypeOf = (value: string): ComponentType => (isOneOf(COMPONENT_TYPES, value) ? value : 'pciecard');
export const stockStatusOf = (value: string): StockStatus => (isOneOf(STOCK_STATUSES, value) ? value : 'retired');
const stockStatusOrNull = (value: string | null): StockStatus | null => (value === null ? null : stockStatusOf(value));

/** A `date` column: a string on SQLite, a string or a Date on MariaDB depending on the driver's settings. */
export function dayOf(value: string | Date | null): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

export function toComponentUnit(unit: ComponentStockEntity, modelName: string | null): ComponentUnit {
  return {
    id: unit.id,
    componentType: componentTypeOf(unit.componentType),
    uuid: unit.uuid,
    serialNumber: unit.serialNumber,
    status: stockStatusOf(unit.status),
    serverUuid: unit.serverUuid,
    location: unit.location,
    model: modelName,
    slot: unit.slotPosition,
    purchaseDate: dayOf(unit.purchaseDate),
    warrantyEndDate: dayOf(unit.warrantyEndDate),
    installationDate: dayOf(unit.installationDate),
    flag: unit.flag,
    notes: unit.notes,
  };
}

export function toComponentUnitDetail(unit: ComponentStockEntity, modelName: string | null, serverName: string | null, claim: UnitClaim | null): ComponentUnitDetail {
  return {
    ...toComponentUnit(unit, modelName),
    serverName,
    claim,
    createdAt: isoOrNull(unit.createdAt) ?? '',
    updatedAt: isoOrNull(unit.updatedAt) ?? '',
  };
}

export function toUnitLogEntry(row: ComponentUnitLogEntity, users: ReadonlyMap<number, UserSummary>): UnitLogEntry {
  return {
    id: row.id,
    unitId: row.componentId,
    event: isOneOf(UNIT_LOG_EVENTS, row.event) ? row.event : 'status_changed',
    source: isOneOf(UNIT_LOG_SOURCES, row.source) ? row.source : 'direct',
    before: { status: stockStatusOrNull(row.statusBefore), serverUuid: row.serverBefore, slot: row.slotBefore, location: row.locationBefore },
    after: { status: stockStatusOrNull(row.statusAfter), serverUuid: row.serverAfter, slot: row.slotAfter, location: row.locationAfter },
    ticket: row.ticketNumber !== null ? { id: row.ticketId, ticketNumber: row.ticketNumber } : null,
    user: row.userId === null ? null : (users.get(row.userId) ?? { id: row.userId, username: `user-${row.userId}`, displayName: `Unknown user #${row.userId}` }),
    note: row.note,
    createdAt: isoOrNull(row.createdAt) ?? '',
  };
}
