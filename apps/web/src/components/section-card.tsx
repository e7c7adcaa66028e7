import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled, bordered section of a page; its title names the region for screen readers. */
export function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
