import type { AuthUser } from '@bdc/contracts';
import { Kbd, Menu, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api/logout';
import { paths } from '../lib/paths';

/**
 * The header's user menu. Loaded on demand (app-layout.tsx): Mantine's Menu, its positioning and focus
 * handling are a fifth of the first page's JavaScript, and nobody opens the menu before the page shows.
 */
export function UserMenu({
  user,
  name,
  target,
  opened,
  onChange,
}: {
  user: Pick<AuthUser, 'username' | 'roles'>;
  name: string;
  /** The button, rendered by the layout so that it shows before this module arrives. */
  target: ReactElement;
  opened: boolean;
  onChange: (opened: boolean) => void;
}) {
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Menu opened={opened} onChange={onChange} position="bottom-end" width={240} withinPortal>
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text px="sm" size="sm" fw={600}>
          {name} ({user.username})
        </Text>
        <Text px="sm" pb="xs" size="xs" c="dimmed">
          Roles: {user.roles.join(', ') || 'none'}
        </Text>
        <Menu.Divider />
        <Menu.Item component={Link} to={paths.changePassword.href()}>
          Change password
        </Menu.Item>
        <Menu.Item component={Link} to={paths.apiTokens.href()}>
          API tokens
        </Menu.Item>
        <Menu.Item component={Link} to={paths.notificationPreferences.href()}>
          Notifications
        </Menu.Item>
        <Menu.Item onClick={() => logout.mutate(undefined, { onSettled: () => navigate(paths.login.href(), { replace: true }) })}>Log out</Menu.Item>
        <Menu.Divider />
        <Menu.Label>Keyboard shortcuts</Menu.Label>
        <Text px="sm" pb="xs" size="xs">
          <Kbd size="xs">/</Kbd> search tickets · <Kbd size="xs">n</Kbd> new ticket
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
