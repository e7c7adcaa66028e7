import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_TYPES,
  LIMITS,
  SERVER_STATUSES,
  UNIT_LOG_EVENTS,
  UNIT_LOG_SOURCES,
  isOneOf,
  type BuildSlot,
  type ComponentType,
  type CreateServerRequest,
  type DecommissionServerRequest,
  type InstalledComponent,
  type ServerDetail,
  type ServerHistoryEntry,
  type ServerStatus,
  type ServerSummary,
  type UnitLogEvent,
  type UnitLogSource,
  type UpdateServerRequest,
  type UserSummary,
} from '@bdc/contracts';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { isoOrNull } from '../common/strict-date-time';
import { Present, TextRules } from '../common/text-rules';
import type { ComponentStockEntity } from './component-stock.entity';
import type { ServerEntity } from './server.entity';
import { componentTypeOf } from './stock.dto';
import type { ComponentUnitLogEntity } from './unit-log.entity';

// ---- requests -----------------------------------------------------------------------------------

export class ServerListQueryDto {
  @ApiPropertyOptional({ description: 'Search in name, location, rack position, description; or an exact UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.searchMax, kind: 'single-line' })
  q?: string;

  @ApiPropertyOptional({ enum: SERVER_STATUSES })
  @IsOptional()
  @IsIn(SERVER_STATUSES)
  status?: ServerStatus;
}

export class ServerHistoryQueryDto extends PageQueryDto {}

/** Optional and clearable: absent leaves it, null clears it. */
const clearable = ValidateIf((_o: unknown, value: unknown) => value !== undefined && value !== null);

class ServerFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.descriptionMax })
  @clearable
  @TextRules({ max: LIMITS.descriptionMax, kind: 'multi-line' })
  description?: string | null;

  @ApiPropertyOptional({ enum: SERVER_STATUSES })
  @Present()
  @IsIn(SERVER_STATUSES)
  status?: ServerStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.locationMax })
  @clearable
  @TextRules({ max: LIMITS.locationMax, kind: 'single-line' })
  location?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.rackMax })
  @clearable
  @TextRules({ max: LIMITS.rackMax, kind: 'single-line' })
  rack?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: LIMITS.rackUnitMax })
  @clearable
  @IsInt()
  @Min(1)
  @Max(LIMITS.rackUnitMax)
  rackUnit?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: LIMITS.powerBudgetMax, description: 'Watts the power supplies deliver' })
  @clearable
  @IsInt()
  @Min(1)
  @Max(LIMITS.powerBudgetMax)
  powerBudgetWatts?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.notesMax })
  @clearable
  @TextRules({ max: LIMITS.notesMax, kind: 'multi-line' })
  notes?: string | null;
}

export class CreateServerDto extends ServerFieldsDto implements CreateServerRequest {
  @ApiProperty({ maxLength: LIMITS.serverNameMax })
  @TextRules({ max: LIMITS.serverNameMax, kind: 'single-line', required: true })
  name: string;
}

export class UpdateServerDto extends ServerFieldsDto implements UpdateServerRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.serverNameMax })
  @Present()
  @TextRules({ max: LIMITS.serverNameMax, kind: 'single-line', required: true })
  name?: string;
}

export class DecommissionServerDto implements DecommissionServerRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.reasonMax, description: 'Why (appended to the notes)' })
  @IsOptional()
  @TextRules({ max: LIMITS.reasonMax, kind: 'multi-line' })
  reason?: string;
}

// ---- responses (documentation classes) ---------------------------------------------------------

export class ServerSummaryDto implements ServerSummary {
  @ApiProperty() uuid: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) rackPosition: string | null;
  @ApiProperty({ enum: SERVER_STATUSES }) status: ServerStatus;
  @ApiProperty() componentCount: number;
  @ApiProperty({ type: String, nullable: true }) decommissionedAt: string | null;
}

export class ServerListDto {
  @ApiProperty({ type: [ServerSummaryDto] }) items: ServerSummaryDto[];
  @ApiProperty() total: number;
}

export class InstalledComponentDto implements InstalledComponent {
  @ApiProperty() id: number;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty({ description: 'Catalog model UUID' }) uuid: string;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) slot: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
}

export class BuildSlotDto implements BuildSlot {
  @ApiProperty({ type: String, nullable: true }) slot: string | null;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty({ type: [InstalledComponentDto] }) units: InstalledComponentDto[];
}

export class ServerDetailDto extends ServerSummaryDto implements ServerDetail {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) settings: Record<string, string>;
  @ApiProperty({ type: Number, nullable: true }) powerBudgetWatts: number | null;
  @ApiProperty({ type: [InstalledComponentDto] }) components: InstalledComponentDto[];
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) rack: string | null;
  @ApiProperty({ type: Number, nullable: true }) rackUnit: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [BuildSlotDto] }) build: BuildSlotDto[];
  @ApiProperty() historyUrl: string;
}

export class ServerHistoryEntryDto implements ServerHistoryEntry {
  @ApiProperty() id: number;
  @ApiProperty() at: string;
  @ApiProperty({ enum: ['installed', 'removed', 'moved'] }) change: 'installed' | 'removed' | 'moved';
  @ApiProperty({ enum: UNIT_LOG_EVENTS }) event: UnitLogEvent;
  @ApiProperty({ type: 'object', additionalProperties: true }) unit: ServerHistoryEntry['unit'];
  @ApiProperty({ type: String, nullable: true }) slotBefore: string | null;
  @ApiProperty({ type: String, nullable: true }) slotAfter: string | null;
  @ApiProperty({ enum: UNIT_LOG_SOURCES }) source: UnitLogSource;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) ticket: ServerHistoryEntry['ticket'];
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) user: UserSummary | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class ServerHistoryPageDto {
  @ApiProperty({ type: [ServerHistoryEntryDto] }) items: ServerHistoryEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

// ---- mappers ------------------------------------------------------------------------------------

const serverStatusOf = (value: string): ServerStatus => (isOneOf(SERVER_STATUSES, value) ? value : 'draft');

/** `rack-Uunit` as BDC IMS writes rack_position; the rack alone without a unit. */
export function rackPositionOf(rack: string | null, rackUnit: number | null): string | null {
  if (!rack) return null;
  return rackUnit === null ? rack : `${rack}-U${rackUnit}`;
}

export function toServerSummary(server: ServerEntity, componentCount: number): ServerSummary {
  return {
    uuid: server.uuid,
    name: server.name,
    description: server.description,
    location: server.location,
    rackPosition: server.rackPosition,
    status: serverStatusOf(server.status),
    componentCount,
    decommissionedAt: isoOrNull(server.decommissionedAt),
  };
}

export function toInstalledComponent(unit: ComponentStockEntity, modelName: string | null): InstalledComponent {
  return {
    id: unit.id,
    componentType: componentTypeOf(unit.componentType),
    uuid: unit.uuid,
    serialNumber: unit.serialNumber,
    slot: unit.slotPosition,
    model: modelName,
  };
}

/** Installed units (already in physical order) grouped by type and slot. */
export function buildBySlot(components: InstalledComponent[]): BuildSlot[] {
  const groups: BuildSlot[] = [];
  for (const component of components) {
    const last = groups[groups.length - 1];
    if (last && last.slot === component.slot && last.componentType === component.componentType) last.units.push(component);
    else groups.push({ slot: component.slot, componentType: component.componentType, units: [component] });
  }
  return groups;
}

export function toServerDetail(server: ServerEntity, components: InstalledComponent[]): ServerDetail {
  return {
    ...toServerSummary(server, components.length),
    settings: { ...(server.settings ?? {}) },
    powerBudgetWatts: server.powerBudgetWatts,
    components,
    updatedAt: isoOrNull(server.updatedAt) ?? '',
    rack: server.rack,
    rackUnit: server.rackUnit,
    notes: server.notes,
    createdAt: isoOrNull(server.createdAt) ?? '',
    build: buildBySlot(components),
    historyUrl: `/api/servers/${encodeURIComponent(server.uuid)}/history`,
  };
}

export function toServerHistoryEntry(row: ComponentUnitLogEntity, serverUuid: string, modelName: string | null, user: UserSummary | null): ServerHistoryEntry {
  const change = row.serverAfter === serverUuid && row.serverBefore !== serverUuid ? 'installed' : row.serverBefore === serverUuid && row.serverAfter !== serverUuid ? 'removed' : 'moved';
  return {
    id: row.id,
    at: isoOrNull(row.createdAt) ?? '',
    change,
    event: isOneOf(UNIT_LOG_EVENTS, row.event) ? row.event : 'status_changed',
    unit: { id: row.componentId, componentType: componentTypeOf(row.componentType), uuid: row.modelUuid, serialNumber: row.serialNumber, model: modelName },
    slotBefore: row.slotBefore,
    slotAfter: row.slotAfter,
    source: isOneOf(UNIT_LOG_SOURCES, row.source) ? row.source : 'direct',
    ticket: row.ticketNumber !== null ? { id: row.ticketId, ticketNumber: row.ticketNumber } : null,
    user,
    note: row.note,
  };
}
