import type { ItemType, TicketItemInput } from '@bdc/contracts';
import type { UnitFact } from './item-validation';

/** How an item names what it installs or takes out, read the same way by validation and fulfilment. */

export const modelKey = (type: string, uuid: string) => `${type}:${uuid}`;
export const serialKey = (type: string, serial: string) => `${type}:${serial}`;

export function itemTypeOf(action: TicketItemInput['action']): ItemType {
  return action === 'modify' ? 'configuration' : 'component';
}

/** The server setting a `modify` item changes: `specifications.setting`, else (older tickets) the component type; '' when neither. */
export function settingKeyOf(item: Pick<TicketItemInput, 'componentType' | 'specifications'>): string {
  const setting = item.specifications?.['setting'];
  return typeof setting === 'string' && setting.trim() !== '' ? setting.trim() : (item.componentType ?? '');
}

/** What an `add`/`replace` installs: the catalog model (and optionally one pinned unit). */
export function installTarget(item: TicketItemInput): { uuid: string | null; serial: string | null } {
  if (item.action === 'add') return { uuid: blankToNull(item.componentUuid), serial: blankToNull(item.componentSerial) };
  if (item.action === 'replace') {
    return { uuid: blankToNull(item.componentUuid) ?? blankToNull(item.requestedValue), serial: blankToNull(item.componentSerial) };
  }
  return { uuid: null, serial: null };
}

/**
 * What a `remove`/`replace` takes out. `remove` names the unit by serial or the model by UUID;
 * `replace` names it in `currentValue` (a serial or a model UUID), as in the guide's example.
 */
export function removalTarget(item: TicketItemInput): { serial: string | null; uuid: string | null; either: string | null } {
  if (item.action === 'remove') {
    const serial = blankToNull(item.componentSerial);
    const uuid = blankToNull(item.componentUuid);
    return { serial, uuid, either: serial || uuid ? null : blankToNull(item.currentValue) };
  }
  if (item.action === 'replace') return { serial: null, uuid: null, either: blankToNull(item.currentValue) };
  return { serial: null, uuid: null, either: null };
}

/** Installed units matching a removal target, a pinned unit first. Does not filter claims. */
export function matchInstalled(installed: readonly UnitFact[], type: string, target: ReturnType<typeof removalTarget>): UnitFact[] {
  const ofType = installed.filter((u) => u.componentType === type);
  if (target.serial) {
    const pinned = ofType.find((u) => u.serialNumber === target.serial);
    return pinned ? [pinned, ...ofType.filter((u) => u !== pinned && u.uuid === pinned.uuid)] : [];
  }
  if (target.uuid) return ofType.filter((u) => u.uuid === target.uuid);
  if (target.either) {
    const bySerial = ofType.find((u) => u.serialNumber === target.either);
    if (bySerial) return [bySerial, ...ofType.filter((u) => u !== bySerial && u.uuid === bySerial.uuid)];
    return ofType.filter((u) => u.uuid === target.either);
  }
  return [];
}

export function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim();
}
