import { useCallback, useState } from 'react';

/**
 * For a control whose heavy part (a menu, a popover) need not be in the first download. The first time the
 * user points at, focuses or touches the control, `preload` starts fetching the part's code (pointing usually
 * comes a few hundred milliseconds before the click) without changing what is rendered: swapping the control
 * then would remount it between the press and the click, and the click would be lost. `wanted` turns true on
 * `want()`, called on the click that opens the part, which is when the part is rendered.
 */
export function useLoadOnIntent(preload: () => Promise<unknown>) {
  const [wanted, setWanted] = useState(false);
  const want = useCallback(() => setWanted(true), []);
  // A failed preload is not lost: rendering the part loads it again, and the error boundary reports a failure.
  const start = useCallback(() => void preload().catch(() => undefined), [preload]);
  return { wanted, want, intentProps: { onPointerEnter: start, onFocus: start, onTouchStart: start } };
}
