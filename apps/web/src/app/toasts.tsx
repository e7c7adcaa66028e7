import { Notifications } from '@mantine/notifications';
import { TOAST_LIMIT } from './toast-settings';

/** Mantine's toast container: loaded when the first toast is raised (providers.tsx). */
export function Toasts() {
  // Bottom right: the page's actions sit at the top right, and a toast must never cover them.
  return <Notifications position="bottom-right" limit={TOAST_LIMIT} autoClose={5000} />;
}
