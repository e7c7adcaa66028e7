import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  COMPONENT_TYPES,
  LIMITS,
  ITEM_ACTIONS,
  ITEM_TYPES,
  TICKET_ACTIONS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  VALIDATION_STATUSES,
  isOneOf,
  type ComponentType,
  type ItemAction,
  type ItemType,
  type ItemValidation,
  type TicketPage,
  type TicketAction,
  type TicketDetail,
  type TicketItemView,
  type TicketPriority,
  type TicketStatus,
  type TicketSummary,
  type TicketType,
  type UserSummary,
  type ValidationReport,
  type ValidationStatus,
} from '@bdc/contracts';
import { isoOrNull } from '../common/strict-date-time';
import { unknownUser } from '../history/history.dto';
import { validationReport } from '../ticket-items/item-validation';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { UserSummaryDto } from '../users/users.dto';
import type { TicketEntity } from './ticket.entity';
import type { TicketSummaryRow } from './tickets.repository';
import { BuildReportExtrasDto, TicketConflictDto } from './validation-views.dto';

/** Everything a view needs beyond the ticket row, looked up once per response. */
export interface ViewLookups {
  users: ReadonlyMap<number, UserSummary>;
  /** catalog model UUID → display name */
  modelNames: ReadonlyMap<string, string>;
}

/**
 * A stored date that cannot be read (`0NaN-aN-aN` written by an old bug, a zero date on MariaDB)
 * shows as null instead of failing the whole response or list; required timestamps show as ''.
 */
const iso = (date: Date | null): string | null => isoOrNull(date);
const requiredIso = (date: Date): string => isoOrNull(date) ?? '';

function user(lookups: ViewLookups, id: number): UserSummary {
  return lookups.users.get(id) ?? unknownUser(id);
}

function optionalUser(lookups: ViewLookups, id: number | null): UserSummary | null {
  return id === null ? null : user(lookups, id);
}

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return isOneOf(values, value) ? value : fallback;
}

export function toTicketSummary(ticket: TicketSummaryRow, itemCount: number, lookups: ViewLookups): TicketSummary {
  return {
    id: ticket.id,
    ticketNumber: ticket.ticketNumber,
    title: ticket.title,
    ticketType: oneOf(TICKET_TYPES, ticket.ticketType, 'component_addition'),
    priority: oneOf(TICKET_PRIORITIES, ticket.priority, 'normal'),
    status: oneOf(TICKET_STATUSES, ticket.status, 'draft'),
    targetServerUuid: ticket.targetServerUuid,
    targetServerName: ticket.targetServerName,
    createdBy: user(lookups, ticket.createdBy),
    assignedTo: optionalUser(lookups, ticket.assignedTo),
    assignedRole: ticket.assignedRole,
    itemCount,
    createdAt: requiredIso(ticket.createdAt),
    updatedAt: requiredIso(ticket.updatedAt),
    scheduledDate: iso(ticket.scheduledDate),
  };
}

/** The catalog model an item's view names: the one it installs (a replace may give it in requestedValue). */
export function namedModelUuid(item: Pick<TicketItemEntity, 'action' | 'componentUuid' | 'requestedValue'>): string | null {
  return item.componentUuid ?? (item.action === 'replace' ? item.requestedValue : null);
}

export function toTicketItemView(item: TicketItemEntity, lookups: ViewLookups): TicketItemView {
  const modelUuid = namedModelUuid(item);
  return {
    id: item.id,
    itemType: oneOf(ITEM_TYPES, item.itemType, 'component'),
    action: oneOf(ITEM_ACTIONS, item.action, 'add'),
    // '' stores a configuration change without a component type.
    componentType: item.componentType === '' ? null : oneOf(COMPONENT_TYPES, item.componentType, 'cpu'),
    componentUuid: item.componentUuid,
    componentSerial: item.componentSerial,
    componentName: modelUuid ? (lookups.modelNames.get(modelUuid) ?? null) : null,
    quantity: item.quantity,
    specifications: item.specifications,
    currentValue: item.currentValue,
    requestedValue: item.requestedValue,
    validationStatus: oneOf(VALIDATION_STATUSES, item.validationStatus, 'pending'),
    validationMessage: item.validationMessage,
    compatibilityChecked: item.compatibilityChecked,
    fulfilled: item.fulfilled,
    fulfilledAt: iso(item.fulfilledAt),
    fulfilledComponentUuid: item.fulfilledComponentUuid,
    fulfillmentNotes: item.fulfillmentNotes,
  };
}

export function toTicketDetail(ticket: TicketEntity, items: TicketItemEntity[], allowed: TicketAction[], lookups: ViewLookups): TicketDetail {
  const { itemCount: _count, ...summary } = toTicketSummary(ticket, items.length, lookups);
  return {
    ...summary,
    description: ticket.description,
    approvedBy: optionalUser(lookups, ticket.approvedBy),
    reviewedBy: optionalUser(lookups, ticket.reviewedBy),
    submittedAt: iso(ticket.submittedAt),
    approvedAt: iso(ticket.approvedAt),
    rejectedAt: iso(ticket.rejectedAt),
    deployedAt: iso(ticket.deployedAt),
    completedAt: iso(ticket.completedAt),
    estimatedDuration: ticket.estimatedDuration,
    rejectionReason: ticket.rejectionReason,
    deploymentNotes: ticket.deploymentNotes,
    items: items.map((item) => toTicketItemView(item, lookups)),
    allowedActions: allowed,
    validation: validationReport(items),
  };
}

// ---- OpenAPI response shapes --------------------------------------------------------------------

export class TicketSummaryDto implements TicketSummary {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'TKT-20251115-0001' }) ticketNumber: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TICKET_TYPES }) ticketType: TicketType;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: TicketPriority;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty() targetServerUuid: string;
  @ApiProperty({ type: String, nullable: true }) targetServerName: string | null;
  @ApiProperty({ type: UserSummaryDto }) createdBy: UserSummaryDto;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) assignedTo: UserSummaryDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Role queue holding the ticket until a member claims it' }) assignedRole: string | null;
  @ApiProperty() itemCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scheduledDate: string | null;
}

export class TicketPageDto implements TicketPage {
  @ApiProperty({ type: [TicketSummaryDto] }) items: TicketSummaryDto[];
  @ApiProperty({ description: `Exact unless totalIsLowerBound: the list counts at most ${LIMITS.listTotalCap} rows past the page's first` }) total: number;
  @ApiProperty({ description: 'true: there are more than `total` tickets (shown as "10,000+")' }) totalIsLowerBound: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the page after this one (null: last page)' }) nextCursor: string | null;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TicketItemViewDto implements TicketItemView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ITEM_TYPES }) itemType: ItemType;
  @ApiProperty({ enum: ITEM_ACTIONS }) action: ItemAction;
  @ApiProperty({ enum: COMPONENT_TYPES, nullable: true, description: 'null: a configuration change of a server setting' }) componentType: ComponentType | null;
  @ApiProperty({ type: String, nullable: true }) componentUuid: string | null;
  @ApiProperty({ type: String, nullable: true }) componentSerial: string | null;
  @ApiProperty({ type: String, nullable: true }) componentName: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) specifications: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) currentValue: string | null;
  @ApiProperty({ type: String, nullable: true }) requestedValue: string | null;
  @ApiProperty({ enum: VALIDATION_STATUSES }) validationStatus: ValidationStatus;
  @ApiProperty({ type: String, nullable: true }) validationMessage: string | null;
  @ApiProperty() compatibilityChecked: boolean;
  @ApiProperty() fulfilled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fulfilledAt: string | null;
  @ApiProperty({ type: String, nullable: true }) fulfilledComponentUuid: string | null;
  @ApiProperty({ type: String, nullable: true }) fulfillmentNotes: string | null;
}

export class ItemValidationDto implements ItemValidation {
  @ApiProperty() index: number;
  @ApiProperty({ enum: VALIDATION_STATUSES }) status: ValidationStatus;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Rule codes behind the message' }) rules?: string[];
}

export class ValidationReportDto extends BuildReportExtrasDto implements ValidationReport {
  @ApiProperty() itemsValidated: boolean;
  @ApiProperty() compatibilityChecked: boolean;
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({ type: [ItemValidationDto] }) items: ItemValidationDto[];
}

/** As the contract: a summary without `itemCount`, plus the detail fields. */
export class TicketDetailDto extends OmitType(TicketSummaryDto, ['itemCount'] as const) implements TicketDetail {
  @ApiProperty() description: string;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) approvedBy: UserSummaryDto | null;
  @ApiProperty({ type: UserSummaryDto, nullable: true }) reviewedBy: UserSummaryDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rejectedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deployedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) estimatedDuration: number | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true }) deploymentNotes: string | null;
  @ApiProperty({ type: [TicketItemViewDto] }) items: TicketItemViewDto[];
  @ApiProperty({ enum: TICKET_ACTIONS, isArray: true, description: 'What this caller may do now' }) allowedActions: TicketAction[];
  @ApiProperty({ type: ValidationReportDto }) validation: ValidationReportDto;
  @ApiPropertyOptional({ type: [TicketConflictDto], description: 'Other open tickets on the server claiming the same units' }) conflicts?: TicketConflictDto[];
}
