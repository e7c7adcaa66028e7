import { Anchor, type AnchorProps } from '@mantine/core';
import type { MouseEventHandler, ReactNode } from 'react';
import { Link } from 'react-router';

/** A router link styled as a Mantine anchor (keeps client-side navigation and the focus ring). */
export function LinkAnchor({
  to,
  children,
  ...rest
}: AnchorProps & { to: string; children: ReactNode; onClick?: MouseEventHandler<HTMLAnchorElement> }) {
  return (
    <Anchor component={Link} to={to} {...rest}>
      {children}
    </Anchor>
  );
}
