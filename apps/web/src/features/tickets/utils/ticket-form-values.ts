import {
  LIMITS,
  hasControlCharacters,
  textLength,
  type ComponentType,
  type CreateTicketRequest,
  type ItemAction,
  type TicketDetail,
  type TicketItemInput,
  type TicketPriority,
  type TicketType,
  type UpdateTicketRequest,
} from '@bdc/contracts';
import dayjs from 'dayjs';

/** One editable item row; empty strings stand for "not chosen yet" so inputs stay controlled. */
export interface ItemRowValues {
  /** Stable React key: rows are added and removed in the middle. */
  key: string;
  action: ItemAction;
  componentType: ComponentType | '';
  componentUuid: string;
  componentSerial: string;
  quantity: number | string;
  currentValue: string;
  requestedValue: string;
  /** `modify`: the setting's key, sent as `specifications.setting`. */
  setting: string;
}

export interface TicketFormValues {
  title: string;
  description: string;
  ticketType: TicketType;
  priority: TicketPriority;
  targetServerUuid: string;
  /** `YYYY-MM-DD HH:mm:ss` local time, as Mantine's date pickers hold it. */
  scheduledDate: string | null;
  estimatedDuration: number | string;
  items: ItemRowValues[];
}

let keySeq = 0;
export const newRowKey = () => `row-${Date.now().toString(36)}-${(keySeq++).toString(36)}`;

/** The action a new row starts with, following the ticket's type. */
export const DEFAULT_ACTION: Record<TicketType, ItemAction> = {
  component_addition: 'add',
  component_removal: 'remove',
  component_replacement: 'replace',
  configuration_change: 'modify',
};

export function emptyItemRow(action: ItemAction = 'add'): ItemRowValues {
  return {
    key: newRowKey(),
    action,
    componentType: '',
    componentUuid: '',
    componentSerial: '',
    quantity: 1,
    currentValue: '',
    requestedValue: '',
    setting: '',
  };
}

export function emptyTicketForm(): TicketFormValues {
  return {
    title: '',
    description: '',
    ticketType: 'component_addition',
    priority: 'normal',
    targetServerUuid: '',
    scheduledDate: null,
    estimatedDuration: '',
    items: [emptyItemRow('add')],
  };
}

export function formValuesFromTicket(ticket: TicketDetail): TicketFormValues {
  return {
    title: ticket.title,
    description: ticket.description,
    ticketType: ticket.ticketType,
    priority: ticket.priority,
    targetServerUuid: ticket.targetServerUuid,
    scheduledDate: ticket.scheduledDate ? dayjs(ticket.scheduledDate).format('YYYY-MM-DD HH:mm:ss') : null,
    estimatedDuration: ticket.estimatedDuration ?? '',
    items: ticket.items.map((item) => ({
      key: newRowKey(),
      action: item.action,
      componentType: item.componentType ?? '',
      componentUuid: item.componentUuid ?? '',
      componentSerial: item.componentSerial ?? '',
      quantity: item.quantity,
      currentValue: item.currentValue ?? '',
      requestedValue: item.requestedValue ?? '',
      setting: typeof item.specifications?.setting === 'string' ? item.specifications.setting : '',
    })),
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export function toItemInput(row: ItemRowValues): TicketItemInput {
  const usesModel = row.action !== 'modify';
  return {
    action: row.action,
    // A configuration change needs no component type; a draft component row without one is caught by validation first.
    componentType: row.componentType || (row.action === 'modify' ? null : 'cpu'),
    componentUuid: usesModel ? orNull(row.componentUuid) : null,
    componentSerial: usesModel ? orNull(row.componentSerial) : null,
    quantity: Number(row.quantity) || 1,
    specifications: row.action === 'modify' && row.setting.trim() ? { setting: row.setting.trim() } : null,
    currentValue: row.action === 'replace' || row.action === 'modify' ? orNull(row.currentValue) : null,
    requestedValue: row.action === 'modify' ? orNull(row.requestedValue) : null,
  };
}

export function toCreateRequest(values: TicketFormValues, draft: boolean): CreateTicketRequest {
  return { ...toUpdateRequest(values), draft };
}

/** Every field, so a PATCH from the form replaces the whole ticket (items included). */
export function toUpdateRequest(values: TicketFormValues): Omit<CreateTicketRequest, 'draft'> & UpdateTicketRequest {
  const duration = values.estimatedDuration === '' ? null : Number(values.estimatedDuration);
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    ticketType: values.ticketType,
    priority: values.priority,
    targetServerUuid: values.targetServerUuid,
    items: values.items.map(toItemInput),
    scheduledDate: values.scheduledDate ? dayjs(values.scheduledDate).toISOString() : null,
    estimatedDuration: duration !== null && Number.isFinite(duration) ? duration : null,
  };
}

/**
 * The same limits the API enforces (LIMITS from contracts). A draft may hold incomplete items, so
 * completeness is only required when the ticket is sent for approval.
 */
export function validateTicketForm(values: TicketFormValues, mode: { draft: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = values.title.trim();
  if (!title) errors.title = 'Enter a title';
  else if (textLength(title) > LIMITS.titleMax) errors.title = `At most ${LIMITS.titleMax} characters`;
  else if (hasControlCharacters(title, 'single-line')) errors.title = 'Contains control characters';
  if (textLength(values.description) > LIMITS.descriptionMax) errors.description = `At most ${LIMITS.descriptionMax} characters`;
  else if (hasControlCharacters(values.description, 'multi-line')) errors.description = 'Contains control characters';
  else if (!mode.draft && !values.description.trim()) errors.description = 'Describe the change';
  if (!values.targetServerUuid) errors.targetServerUuid = 'Choose the server';
  if (values.estimatedDuration !== '') {
    const d = Number(values.estimatedDuration);
    if (!Number.isInteger(d) || d < 0 || d > LIMITS.estimatedDurationMax) {
      errors.estimatedDuration = `Whole minutes between 0 and ${LIMITS.estimatedDurationMax}`;
    }
  }
  if (values.items.length > LIMITS.itemsMax) errors.items = `At most ${LIMITS.itemsMax} items`;
  else if (!mode.draft && values.items.length === 0) errors.items = 'Add at least one item';

  values.items.forEach((row, i) => {
    const at = (field: string, message: string) => {
      errors[`items.${i}.${field}`] = message;
    };
    if (!row.componentType && row.action !== 'modify') at('componentType', 'Choose the component type');
    const q = Number(row.quantity);
    if (!Number.isInteger(q) || q < 1 || q > LIMITS.quantityMax) at('quantity', `1 to ${LIMITS.quantityMax}`);
    if (row.componentUuid.length > LIMITS.uuidMax) at('componentUuid', 'Too long');
    if (row.componentSerial.length > LIMITS.serialMax) at('componentSerial', `At most ${LIMITS.serialMax} characters`);
    if (row.currentValue.length > LIMITS.valueMax) at('currentValue', `At most ${LIMITS.valueMax} characters`);
    if (row.requestedValue.length > LIMITS.valueMax) at('requestedValue', `At most ${LIMITS.valueMax} characters`);
    if (row.componentSerial.trim() && q > 1) at('quantity', 'A pinned serial number is one unit');
    if (mode.draft) return;
    switch (row.action) {
      case 'add':
        if (!row.componentUuid) at('componentUuid', 'Choose the model to add');
        break;
      case 'remove':
        if (!row.componentUuid && !row.componentSerial) at('componentUuid', 'Choose the installed model to remove');
        break;
      case 'replace':
        if (!row.componentUuid) at('componentUuid', 'Choose the new model');
        if (!row.currentValue.trim()) at('currentValue', 'Choose the installed unit to take out');
        break;
      case 'modify':
        if (!row.setting.trim()) at('setting', 'Name the setting');
        if (!row.requestedValue.trim()) at('requestedValue', 'Enter the requested value');
        break;
    }
  });
  return errors;
}
