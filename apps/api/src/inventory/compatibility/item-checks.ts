/**
 * What one ticket item is checked for before the compatibility rules see it: the codes its verdict
 * names (ItemValidation.rules, ItemProblem.rule) beside the rule table's. Listed in docs/compatibility.md.
 */
export const ITEM_CHECKS = [
  { code: 'item_model', description: 'An item that installs something names a catalog model of its component type.' },
  { code: 'item_unit', description: 'A pinned serial names a unit of that model that is available and not used by another item.' },
  { code: 'item_stock', description: 'Enough available units of the model for every item of the ticket together.' },
  { code: 'item_removal', description: 'What a remove or replace takes out is installed in the server and not already being removed by another ticket.' },
  { code: 'item_setting', description: 'A configuration change gives the new value of the setting.' },
  { code: 'item_action', description: 'The action is one of add, remove, replace, modify.' },
] as const;

export type ItemCheckCode = (typeof ITEM_CHECKS)[number]['code'];
