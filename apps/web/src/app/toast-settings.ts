/** At most this many toasts show at once; more wait in Mantine's queue. */
export const TOAST_LIMIT = 4;
