import { Anchor, Breadcrumbs } from '@mantine/core';
import { LinkAnchor } from './link-anchor';

/** "Parent / current page" above a detail page; the current page is marked for assistive technology. */
export function PageBreadcrumbs({ parent, current }: { parent: { to: string; label: string }; current: string }) {
  return (
    <Breadcrumbs aria-label="Breadcrumb">
      <LinkAnchor to={parent.to}>{parent.label}</LinkAnchor>
      <Anchor component="span" c="dimmed" underline="never" aria-current="page">
        {current}
      </Anchor>
    </Breadcrumbs>
  );
}
