import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../../../lib/auth-session';
import { formatDateTime } from '../../../lib/format';
import { useMyWork } from '../api/get-my-work';
import { useMarkMyWorkSeen } from '../api/mark-my-work-seen';
import { MyWorkSectionCard } from '../components/my-work-section-card';
import { visibleSections } from '../my-work-sections';

/** The home page: what waits for the signed-in user. Live events keep it current (useLiveEvents). */
export function MyWorkRoute() {
  const session = useSession();
  const work = useMyWork();
  const markSeen = useMarkMyWorkSeen();
  const { mutate } = markSeen;
  // The visit counts once the page has shown what changed; the next visit compares with now.
  const loaded = work.isSuccess;
  useEffect(() => {
    if (loaded) mutate();
  }, [loaded, mutate]);

  if (work.isPending) return <PageLoader label="Loading your work" />;
  if (work.isError) return <ErrorAlert error={work.error} />;
  const data = work.data;
  const changedIds = new Set(data.changedTicketIds);
  const sections = visibleSections(session?.user.permissions ?? []);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          My work
        </Title>
        <Text size="sm" c="dimmed">
          {data.lastVisitAt
            ? `${data.changedSinceLastVisit} of your requests changed since your last visit (${formatDateTime(data.lastVisitAt)})`
            : 'Welcome: this page lists what waits for you.'}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {sections.map((info) => (
          <MyWorkSectionCard key={info.key} info={info} section={data.sections[info.key]} changedIds={changedIds} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
