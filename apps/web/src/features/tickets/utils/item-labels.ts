import type { ItemAction } from '@bdc/contracts';

export const ITEM_ACTION_LABELS: Record<ItemAction, string> = {
  add: 'Add',
  remove: 'Remove',
  replace: 'Replace',
  modify: 'Modify setting',
};
