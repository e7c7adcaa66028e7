import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white button text above 4.5:1 contrast; the default shade 6 does not.
  primaryShade: { light: 8, dark: 6 },
  autoContrast: true,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Mantine greys the message of a titled notification (gray.6, about 3.3:1); error texts must be readable.
    // A plain object, not Notification.extend(): that import would put the component in every first load.
    Notification: { styles: { description: { color: 'var(--bdc-text-muted)' } } },
  },
});

/**
 * Text colours by meaning, one value per colour scheme, so that both themes keep 4.5:1 contrast:
 * use `c="dimmed"`, `c="bright"` or `c="var(--bdc-text-danger)"` rather than a fixed shade such as
 * `red.9`, which is unreadable on the dark background.
 */
// Mantine's "dimmed" gray is too light to read on white for anything essential; darken it app-wide.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Placeholders carry hints such as "Choose a type first": keep them legible.
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--bdc-text-danger': 'var(--mantine-color-red-9)',
    '--bdc-text-success': 'var(--mantine-color-green-9)',
    '--bdc-text-warning': 'var(--mantine-color-orange-9)',
    '--bdc-text-muted': 'var(--mantine-color-gray-8)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
    '--bdc-text-danger': 'var(--mantine-color-red-3)',
    '--bdc-text-success': 'var(--mantine-color-green-3)',
    '--bdc-text-warning': 'var(--mantine-color-orange-3)',
    '--bdc-text-muted': 'var(--mantine-color-dark-0)',
  },
});
