import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  COMPONENT_TYPES,
  LIMITS,
  SERVER_STATUSES,
  STOCK_STATUSES,
  isOneOf,
  type ComponentQuery,
  type ComponentType,
  type ComponentUnit,
  type InstalledComponent,
  type ServerDetail,
  type ServerStatus,
  type ServerSummary,
  type StockStatus,
} from '@bdc/contracts';
import type { ComponentStockEntity } from './component-stock.entity';
import type { ServerEntity } from './server.entity';
import { PageQueryDto } from '../common/page-query.dto';
import { isoOrNull } from '../common/strict-date-time';
import { TextRules } from '../common/text-rules';

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

export class ComponentListQueryDto extends PageQueryDto implements ComponentQuery {
  @ApiPropertyOptional({ enum: COMPONENT_TYPES })
  @IsOptional()
  @IsIn(COMPONENT_TYPES)
  type?: ComponentType;

  @ApiPropertyOptional({ enum: STOCK_STATUSES })
  @IsOptional()
  @IsIn(STOCK_STATUSES)
  status?: StockStatus;

  @ApiPropertyOptional({ description: 'Only units installed in this server' })
  @IsOptional()
  @TextRules({ max: LIMITS.serverUuidMax, kind: 'single-line' })
  serverUuid?: string;

  @ApiPropertyOptional({ description: 'Search in serial number, location and model name; or an exact model UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.searchMax, kind: 'single-line' })
  q?: string;

}

// ---- responses (documentation classes; the services return the contract interfaces) ------------

export class ServerSummaryDto implements ServerSummary {
  @ApiProperty() uuid: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) rackPosition: string | null;
  @ApiProperty({ enum: SERVER_STATUSES }) status: ServerStatus;
  @ApiProperty() componentCount: number;
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

export class ServerDetailDto extends ServerSummaryDto implements ServerDetail {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) settings: Record<string, string>;
  @ApiProperty({ type: Number, nullable: true }) powerBudgetWatts: number | null;
  @ApiProperty({ type: [InstalledComponentDto] }) components: InstalledComponentDto[];
  @ApiProperty() updatedAt: string;
}

export class ComponentUnitDto implements ComponentUnit {
  @ApiProperty() id: number;
  @ApiProperty({ enum: COMPONENT_TYPES }) componentType: ComponentType;
  @ApiProperty({ description: 'Catalog model UUID (shared by all units of the model)' }) uuid: string;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ enum: STOCK_STATUSES }) status: StockStatus;
  @ApiProperty({ type: String, nullable: true }) serverUuid: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
}

export class ComponentPageDto {
  @ApiProperty({ type: [ComponentUnitDto] }) items: ComponentUnitDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

// ---- mappers ------------------------------------------------------------------------------------

export { modelDisplayName } from './catalog.dto';

// Stored values are checked on the way out, so a stray value from an import cannot break the contract type.
const componentTypeOf = (value: string): ComponentType => (isOneOf(COMPONENT_TYPES, value) ? value : 'pciecard');
const stockStatusOf = (value: string): StockStatus => (isOneOf(STOCK_STATUSES, value) ? value : 'retired');
const serverStatusOf = (value: string): ServerStatus => (isOneOf(SERVER_STATUSES, value) ? value : 'draft');

export function toServerSummary(server: ServerEntity, componentCount: number): ServerSummary {
  return {
    uuid: server.uuid,
    name: server.name,
    description: server.description,
    location: server.location,
    rackPosition: server.rackPosition,
    status: serverStatusOf(server.status),
    componentCount,
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

export function toServerDetail(server: ServerEntity, components: InstalledComponent[]): ServerDetail {
  return {
    ...toServerSummary(server, components.length),
    settings: { ...(server.settings ?? {}) },
    powerBudgetWatts: server.powerBudgetWatts,
    components,
    updatedAt: isoOrNull(server.updatedAt) ?? '',
  };
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
  };
}

