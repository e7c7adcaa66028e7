/**
 * The `/` shortcut focuses the page's search box. A page marks its box with this attribute; pages
 * without one send the user to the ticket list, whose search box takes focus when asked through the
 * navigation state.
 */
export const SEARCH_INPUT_ATTRIBUTE = 'data-global-search';
export const FOCUS_SEARCH_STATE = { focusSearch: true } as const;

export function focusPageSearch(): boolean {
  const input = document.querySelector<HTMLInputElement>(`[${SEARCH_INPUT_ATTRIBUTE}]`);
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}

export function wantsSearchFocus(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { focusSearch?: unknown }).focusSearch === true;
}
