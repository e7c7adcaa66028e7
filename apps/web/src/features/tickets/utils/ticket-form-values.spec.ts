import { LIMITS } from '@bdc/contracts';
import { describe, expect, it } from 'vitest';
import { ticketDetail } from '../../../test/fixtures';
import { emptyItemRow, emptyTicketForm, formValuesFromTicket, toCreateRequest, validateTicketForm, type TicketFormValues } from './ticket-form-values';

function complete(): TicketFormValues {
  return {
    ...emptyTicketForm(),
    title: 'Add RAM',
    description: 'More memory',
    targetServerUuid: 'srv-1',
    items: [{ ...emptyItemRow('add'), componentType: 'ram', componentUuid: 'ram-a', quantity: 2 }],
  };
}

describe('validateTicketForm', () => {
  it('accepts a complete ticket', () => {
    expect(validateTicketForm(complete(), { draft: false })).toEqual({});
  });

  it('lets a draft keep incomplete items but not a ticket sent for approval', () => {
    const v = { ...complete(), items: [{ ...emptyItemRow('add'), componentType: 'ram' as const }] };
    expect(validateTicketForm(v, { draft: true })).toEqual({});
    expect(validateTicketForm(v, { draft: false })).toEqual({ 'items.0.componentUuid': 'Choose the model to add' });
  });

  it('applies the shared LIMITS', () => {
    const v = complete();
    v.title = 'x'.repeat(LIMITS.titleMax + 1);
    v.items[0] = { ...v.items[0], ...{ quantity: LIMITS.quantityMax + 1 } } as (typeof v.items)[0];
    const errors = validateTicketForm(v, { draft: true });
    expect(errors.title).toMatch(String(LIMITS.titleMax));
    expect(errors['items.0.quantity']).toMatch(String(LIMITS.quantityMax));
  });

  it('requires what each action needs', () => {
    const v = complete();
    v.items = [
      { ...emptyItemRow('replace'), componentType: 'cpu', componentUuid: 'cpu-b' },
      { ...emptyItemRow('modify'), componentType: 'cpu' },
      { ...emptyItemRow('add') },
    ];
    expect(validateTicketForm(v, { draft: false })).toEqual({
      'items.0.currentValue': 'Choose the installed unit to take out',
      'items.1.setting': 'Name the setting',
      'items.1.requestedValue': 'Enter the requested value',
      'items.2.componentType': 'Choose the component type',
      'items.2.componentUuid': 'Choose the model to add',
    });
  });

  it('requires a server and at least one item to submit', () => {
    const v = { ...complete(), targetServerUuid: '', items: [] };
    expect(validateTicketForm(v, { draft: false })).toEqual({ targetServerUuid: 'Choose the server', items: 'Add at least one item' });
  });
});

describe('request mapping', () => {
  it('sends the setting in specifications and nulls for empty choices', () => {
    const v = complete();
    v.items = [{ ...emptyItemRow('modify'), componentType: 'cpu', setting: 'bios.ht', requestedValue: 'off', currentValue: '' }];
    v.estimatedDuration = 45;
    const body = toCreateRequest(v, true);
    expect(body.draft).toBe(true);
    expect(body.estimatedDuration).toBe(45);
    expect(body.items[0]).toEqual({
      action: 'modify',
      componentType: 'cpu',
      componentUuid: null,
      componentSerial: null,
      quantity: 1,
      specifications: { setting: 'bios.ht' },
      currentValue: null,
      requestedValue: 'off',
    });
  });

  it('round-trips a saved ticket into the form', () => {
    const t = ticketDetail({
      items: [
        {
          id: 1, action: 'replace', componentType: 'ram', componentUuid: 'ram-b', componentSerial: null, quantity: 1,
          currentValue: 'RAM-A-1', requestedValue: null, itemType: 'component', specifications: null, componentName: 'Micron',
          validationStatus: 'valid', validationMessage: null, compatibilityChecked: true, fulfilled: false, fulfilledAt: null,
          fulfilledComponentUuid: null, fulfillmentNotes: null,
        },
      ],
    });
    const v = formValuesFromTicket(t);
    expect(v.items[0]).toMatchObject({ action: 'replace', componentUuid: 'ram-b', currentValue: 'RAM-A-1', componentSerial: '' });
    expect(toCreateRequest(v, false).items[0]).toMatchObject({ componentUuid: 'ram-b', currentValue: 'RAM-A-1', componentSerial: null });
  });
});
