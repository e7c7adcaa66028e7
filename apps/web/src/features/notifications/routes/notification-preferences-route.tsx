import { NOTIFICATION_EVENT_LABELS, type NotificationEvent } from '@bdc/contracts';
import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../api/notifications';

/** Account: which events also send an email (every event is always kept in the bell). */
export function NotificationPreferencesRoute() {
  const preferences = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const toggle = (event: NotificationEvent, email: boolean) => save.mutate({ items: [{ event, email }] });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Notifications
      </Title>
      <Text size="sm">Everything you should hear about shows in the bell at the top. Choose which of those events also send you an email.</Text>
      {preferences.isPending && <PageLoader label="Loading preferences" />}
      {preferences.isError && <ErrorAlert error={preferences.error} title="The preferences could not be loaded" />}
      {preferences.data && (
        <Paper withBorder p="md">
          <Stack gap="sm" role="group" aria-label="Email me when">
            <Title order={2} size="h4">
              Email me when
            </Title>
            {preferences.data.items.map((p) => (
              <Switch key={p.event} label={NOTIFICATION_EVENT_LABELS[p.event]} checked={p.email} disabled={save.isPending} onChange={(e) => toggle(p.event, e.currentTarget.checked)} />
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
