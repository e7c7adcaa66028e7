import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPONENT_TYPES,
  ITEM_ACTIONS,
  LIMITS,
  REMOVAL_DESTINATIONS,
  SORT_FIELDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  TICKET_TYPES,
  type ActionCommentRequest,
  type AssignRequest,
  type CompleteRequest,
  type ComponentType,
  type CreateTicketRequest,
  type DeployPlacement,
  type DeployRemoval,
  type DeployRequest,
  type RemovalDestination,
  type ItemAction,
  type RejectRequest,
  type ResubmitRequest,
  type RollbackRequest,
  type TicketItemInput,
  type TicketListQuery,
  type TicketPriority,
  type TicketSortField,
  type TicketStatus,
  type TicketTransition,
  type TicketType,
  type UpdateTicketRequest,
  type ValidateItemsRequest,
  canonicalPriority,
} from '@bdc/contracts';
import { Transform, Type, type TransformFnParams } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { IsSpecifications } from '../common/specifications';
import { IsStrictDateTime } from '../common/strict-date-time';
import { Present, TextRules } from '../common/text-rules';

/** `a,b`, `?x=a&x=b` and `?x=a` alike → ['a', 'b'] / ['a']. */
const toList = ({ value }: TransformFnParams): unknown => {
  if (value === undefined || value === null || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
};

/** `7` → 7; `me`/`none` stay words; anything else stays as given and fails validation. */
const toUserRef = ({ value }: TransformFnParams): unknown => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value);

function IsUserRef(words: readonly string[]): PropertyDecorator {
  return ValidateBy({
    name: 'isUserRef',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= LIMITS.idMax) || (typeof value === 'string' && words.includes(value)),
      defaultMessage: () => `must be a user id or one of ${words.join(', ')}`,
    },
  });
}

/** BDC IMS clients send `medium` and `urgent` (issue 7): accepted as `normal` and `critical`. */
const priorityAlias = ({ value }: TransformFnParams): unknown => (Array.isArray(value) ? value.map(canonicalPriority) : canonicalPriority(value));

/** Present but null is refused for fields that cannot be cleared. */

export const SORT_VALUES = [...SORT_FIELDS, ...SORT_FIELDS.map((f) => `-${f}` as const)];

export class TicketItemInputDto implements TicketItemInput {
  @ApiProperty({ enum: ITEM_ACTIONS })
  @IsIn(ITEM_ACTIONS)
  action: ItemAction;

  @ApiPropertyOptional({ enum: COMPONENT_TYPES, nullable: true, description: 'Required unless action is modify (a server setting needs no component type)' })
  // Absent or null only for a configuration change; anything else must name a type.
  @ValidateIf((o: TicketItemInputDto) => o.action !== 'modify' || (o.componentType !== null && o.componentType !== undefined))
  @IsIn(COMPONENT_TYPES)
  componentType?: ComponentType | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Catalog model UUID; for replace, the model to install' })
  @IsOptional()
  @TextRules({ max: LIMITS.uuidMax, kind: 'single-line', trim: false })
  componentUuid?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pins one physical unit by serial number' })
  @IsOptional()
  @TextRules({ max: LIMITS.serialMax, kind: 'single-line', trim: false })
  componentSerial?: string | null;

  @ApiProperty({ minimum: 1, maximum: LIMITS.quantityMax })
  @IsInt()
  @Min(1)
  @Max(LIMITS.quantityMax)
  quantity: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: `modify: \`setting\` names the server setting. At most ${LIMITS.specificationsKeysMax} keys, ${LIMITS.specificationsBytesMax} bytes as JSON; values are scalars or objects of scalars`,
  })
  @IsOptional()
  @IsObject()
  @IsSpecifications()
  specifications?: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'replace: serial or model UUID to take out; modify: value before' })
  @IsOptional()
  @TextRules({ max: LIMITS.valueMax, kind: 'single-line', trim: false })
  currentValue?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'modify: value after; replace: model UUID to install' })
  @IsOptional()
  @TextRules({ max: LIMITS.valueMax, kind: 'single-line', trim: false })
  requestedValue?: string | null;
}

const TitleRules = () => TextRules({ max: LIMITS.titleMax, kind: 'single-line', required: true });
const DescriptionRules = () => TextRules({ max: LIMITS.descriptionMax, kind: 'multi-line' });
const ServerRules = () => TextRules({ max: LIMITS.serverUuidMax, kind: 'single-line', required: true });
const ItemsRules = () => applyDecorators(IsArray(), ArrayMaxSize(LIMITS.itemsMax), ValidateNested({ each: true }), Type(() => TicketItemInputDto));
const CommentRules = () => applyDecorators(IsOptional(), TextRules({ max: LIMITS.commentMax, kind: 'multi-line' }));
const ScheduledRules = () =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: '2026-02-03T10:00:00Z', description: 'ISO 8601 date-time with Z or an offset' }),
    IsOptional(),
    IsStrictDateTime(),
  );
const DurationRules = () =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, nullable: true, description: 'Minutes', minimum: 1, maximum: LIMITS.estimatedDurationMax }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(LIMITS.estimatedDurationMax),
  );

export class CreateTicketDto implements CreateTicketRequest {
  @ApiProperty({ maxLength: LIMITS.titleMax })
  @TitleRules()
  title: string;

  @ApiProperty({ maxLength: LIMITS.descriptionMax })
  @DescriptionRules()
  description: string;

  @ApiProperty({ enum: TICKET_TYPES })
  @IsIn(TICKET_TYPES)
  ticketType: TicketType;

  @ApiProperty({ enum: TICKET_PRIORITIES, description: '`medium` and `urgent` are taken as `normal` and `critical`' })
  @Transform(priorityAlias)
  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  @ApiProperty({ description: 'Server configuration UUID' })
  @ServerRules()
  targetServerUuid: string;

  @ApiProperty({ type: [TicketItemInputDto], maxItems: LIMITS.itemsMax, description: 'At least one unless saved as draft' })
  @ItemsRules()
  items: TicketItemInputDto[];

  @ScheduledRules()
  scheduledDate?: string | null;

  @DurationRules()
  estimatedDuration?: number | null;

  @ApiPropertyOptional({ description: 'Save as draft: items may be incomplete or invalid (they are flagged)' })
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

/** PATCH: any subset of the fields (null only where a field can be cleared); `items` replaces the whole list. */
export class UpdateTicketDto implements UpdateTicketRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.titleMax })
  @Present()
  @TitleRules()
  title?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.descriptionMax })
  @Present()
  @DescriptionRules()
  description?: string;

  @ApiPropertyOptional({ enum: TICKET_TYPES })
  @Present()
  @IsIn(TICKET_TYPES)
  ticketType?: TicketType;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @Present()
  @Transform(priorityAlias)
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional()
  @Present()
  @ServerRules()
  targetServerUuid?: string;

  @ApiPropertyOptional({ type: [TicketItemInputDto], maxItems: LIMITS.itemsMax })
  @Present()
  @ItemsRules()
  items?: TicketItemInputDto[];

  @ScheduledRules()
  scheduledDate?: string | null;

  @DurationRules()
  estimatedDuration?: number | null;
}

export class ResubmitDto extends UpdateTicketDto implements ResubmitRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.commentMax })
  @CommentRules()
  comment?: string;
}

export class ValidateItemsDto implements ValidateItemsRequest {
  @ApiProperty()
  @ServerRules()
  targetServerUuid: string;

  @ApiProperty({ type: [TicketItemInputDto], maxItems: LIMITS.itemsMax })
  @ItemsRules()
  items: TicketItemInputDto[];
}

export class ActionCommentDto implements ActionCommentRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.commentMax })
  @CommentRules()
  comment?: string;
}

const ReasonRules = () => TextRules({ max: LIMITS.reasonMax, kind: 'multi-line', required: true });

export class RejectDto implements RejectRequest {
  @ApiProperty({ maxLength: LIMITS.reasonMax, description: 'Required: why the request is rejected' })
  @ReasonRules()
  reason: string;
}

/** Undoing a deploy is as consequential as a rejection: the technician must say why. */
export class RollbackDto implements RollbackRequest {
  @ApiProperty({ maxLength: LIMITS.reasonMax, description: 'Required: why the deployment is rolled back (recorded in the history)' })
  @ReasonRules()
  reason: string;
}

/** Exactly one of the two: given both or neither, the one to fix is named. */
const assignTarget = (other: 'assigneeId' | 'role') =>
  ValidateBy({
    name: 'assignTarget',
    validator: {
      validate: (value: unknown, args) => (value === undefined) !== ((args?.object as Record<string, unknown> | undefined)?.[other] === undefined),
      defaultMessage: () => `give either assigneeId (a person) or role (a role queue), not both or neither`,
    },
  });

export class AssignDto implements AssignRequest {
  @ApiPropertyOptional({ description: 'A user holding ticket.deploy (or give `role`)' })
  @assignTarget('role')
  @ValidateIf((o: AssignDto) => o.assigneeId !== undefined)
  @IsInt()
  @Min(1)
  @Max(LIMITS.idMax)
  assigneeId?: number;

  @ApiPropertyOptional({ description: "A role name: the ticket waits in that role's queue until a member claims it" })
  @ValidateIf((o: AssignDto) => o.role !== undefined || o.assigneeId === undefined)
  @TextRules({ max: LIMITS.roleNameMax, kind: 'single-line', required: true })
  role?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.commentMax })
  @CommentRules()
  comment?: string;
}

export class NotesDto implements CompleteRequest {
  @ApiPropertyOptional({ maxLength: LIMITS.notesMax })
  @IsOptional()
  @TextRules({ max: LIMITS.notesMax, kind: 'multi-line' })
  notes?: string;
}

export class DeployRemovalDto implements DeployRemoval {
  @ApiProperty({ description: 'An item of this ticket that removes or replaces units' })
  @IsInt()
  @Min(1)
  @Max(LIMITS.idMax)
  itemId: number;

  @ApiProperty({ enum: REMOVAL_DESTINATIONS, description: 'available: back to stock (the default); failed: for RMA; retired' })
  @IsIn(REMOVAL_DESTINATIONS)
  destination: RemovalDestination;
}

export class DeployPlacementDto implements DeployPlacement {
  @ApiProperty({ description: 'An item of this ticket that installs units; one placement per unit, in order' })
  @IsInt()
  @Min(1)
  @Max(LIMITS.idMax)
  itemId: number;

  @ApiProperty({ maxLength: LIMITS.slotMax, description: 'A free slot of the unit\'s kind ("CPU2", "DIMM B1", "Bay 3", "PCIe slot 2")' })
  @TextRules({ max: LIMITS.slotMax, kind: 'single-line', required: true })
  slot: string;
}

export class DeployDto extends NotesDto implements DeployRequest {
  @ApiPropertyOptional({ type: [DeployRemovalDto], description: 'What becomes of removed units, per item; default back to stock' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.itemsMax)
  @ValidateNested({ each: true })
  @Type(() => DeployRemovalDto)
  removals?: DeployRemovalDto[];

  @ApiPropertyOptional({ type: [DeployPlacementDto], description: 'Slots for installed units; the rest get the next free slot of their kind' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.itemsMax * LIMITS.quantityMax)
  @ValidateNested({ each: true })
  @Type(() => DeployPlacementDto)
  placements?: DeployPlacementDto[];
}

export class TicketListQueryDto extends PageQueryDto implements TicketListQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true, description: 'One, comma-separated or repeated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, isArray: true })
  @IsOptional()
  @Transform((params) => priorityAlias({ ...params, value: toList(params) }))
  @IsIn(TICKET_PRIORITIES, { each: true })
  priority?: TicketPriority[];

  @ApiPropertyOptional({ enum: TICKET_TYPES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsIn(TICKET_TYPES, { each: true })
  ticketType?: TicketType[];

  @ApiPropertyOptional({ description: 'A user id, `me` or `none`' })
  @IsOptional()
  @Transform(toUserRef)
  @IsUserRef(['me', 'none'])
  assignedTo?: number | 'me' | 'none';

  @ApiPropertyOptional({ description: 'A user id or `me`' })
  @IsOptional()
  @Transform(toUserRef)
  @IsUserRef(['me'])
  createdBy?: number | 'me';

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Created at or after (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  createdFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Created before (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  createdTo?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Scheduled at or after (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  scheduledFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Scheduled before (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  scheduledTo?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Completed at or after (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  completedFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Completed before (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  completedTo?: string;

  @ApiPropertyOptional({ enum: TICKET_TRANSITIONS, description: 'Tickets that went through this workflow step (between transitionFrom and transitionTo when given)' })
  @IsOptional()
  @IsIn(TICKET_TRANSITIONS)
  transition?: TicketTransition;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'The step happened at or after (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  transitionFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'The step happened before (ISO 8601 with Z or an offset)' })
  @IsOptional()
  @IsStrictDateTime()
  transitionTo?: string;

  @ApiPropertyOptional({ description: "Role queues: `mine` (my roles' queues) or a role name" })
  @IsOptional()
  @TextRules({ max: LIMITS.roleNameMax, kind: 'single-line' })
  queue?: string;

  @ApiPropertyOptional({ description: 'Target server UUID' })
  @IsOptional()
  @TextRules({ max: LIMITS.serverUuidMax, kind: 'single-line' })
  server?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only tickets claiming a unit another open ticket on the server claims; `false`: only the others' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'conflicts must be true or false' })
  conflicts?: boolean;

  @ApiPropertyOptional({
    description: 'Search: words (each a prefix) in the title, description and public comments, or the start of a ticket number or of a serial an item pins',
    maxLength: LIMITS.searchMax,
  })
  @IsOptional()
  @TextRules({ max: LIMITS.searchMax, kind: 'single-line' })
  q?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of a previous reply with the same filter and sort: the page after it (page is then ignored)', maxLength: LIMITS.cursorMax })
  @IsOptional()
  @TextRules({ max: LIMITS.cursorMax, kind: 'single-line', trim: false })
  cursor?: string;

  @ApiPropertyOptional({ enum: SORT_VALUES, default: '-createdAt' })
  @IsOptional()
  @IsIn(SORT_VALUES)
  sort?: TicketSortField | `-${TicketSortField}`;
}
