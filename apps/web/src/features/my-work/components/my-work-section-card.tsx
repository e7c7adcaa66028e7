import type { MyWorkSection } from '@bdc/contracts';
import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { StatusBadge } from '../../../components/badges';
import { LinkAnchor } from '../../../components/link-anchor';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import type { SectionInfo } from '../my-work-sections';

export function MyWorkSectionCard({ info, section, changedIds }: { info: SectionInfo; section: MyWorkSection; changedIds: ReadonlySet<number> }) {
  const headingId = `my-work-${info.key}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={2} size="h4" id={headingId}>
              {info.title}
            </Title>
            <Badge color={section.count > 0 ? 'blue.8' : 'gray.6'} aria-label={`${section.count} tickets`}>
              {section.count}
            </Badge>
          </Group>
          {section.count > 0 && (
            <LinkAnchor to={info.listHref} size="sm" aria-label={`All: ${info.title}`}>
              All
            </LinkAnchor>
          )}
        </Group>
        {section.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {info.empty}
          </Text>
        ) : (
          <List listStyleType="none" spacing="xs" aria-label={info.title}>
            {section.items.map((t) => (
              <List.Item key={t.id}>
                <Group gap="xs" wrap="nowrap" align="center">
                  <StatusBadge status={t.status} />
                  <LinkAnchor to={paths.ticket.href(t.id)} size="sm">
                    {t.ticketNumber} · {t.title}
                  </LinkAnchor>
                  {changedIds.has(t.id) && (
                    <Badge size="sm" color="orange.3" variant="filled">
                      Changed
                    </Badge>
                  )}
                  {t.scheduledDate && (info.key === 'scheduledToday' || info.key === 'overdue') && (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(t.scheduledDate)}
                    </Text>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
