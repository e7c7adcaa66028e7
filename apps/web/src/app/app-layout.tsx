import type { Permission } from '@bdc/contracts';
import { ActionIcon, AppShell, Avatar, Badge, Burger, Group, Kbd, Menu, NavLink, Text, Title, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../features/auth/api/logout';
import { useMyWork } from '../features/my-work/api/get-my-work';
import { waitingCount } from '../features/my-work/my-work-sections';
import { NotificationBell } from '../features/notifications/components/notification-bell';
import { MoonIcon, SunIcon } from '../components/icons';
import { displayName, useCan, useSession } from '../lib/auth-session';
import { FOCUS_SEARCH_STATE, focusPageSearch } from '../lib/global-search';
import { paths } from '../lib/paths';
import { useLiveEvents } from '../lib/use-live-events';

/** Each page only for those whose permissions allow it (`permission`); the rest for every signed-in user. */
const NAV: { label: string; to: string; match: (p: string) => boolean; permission?: Permission; badge?: 'myWork' }[] = [
  { label: 'My work', to: paths.myWork.href(), match: (p: string) => p === '/', badge: 'myWork' },
  { label: 'Tickets', to: paths.tickets.href(), match: (p: string) => p.startsWith('/tickets') && p !== '/tickets/new' },
  { label: 'New ticket', to: paths.ticketNew.href(), match: (p: string) => p === '/tickets/new', permission: 'ticket.create' },
  { label: 'Dashboard', to: paths.dashboard.href(), match: (p: string) => p.startsWith('/dashboard') },
  { label: 'Servers', to: paths.servers.href(), match: (p: string) => p.startsWith('/servers'), permission: 'server.view' },
  { label: 'Catalog', to: paths.catalog.href(), match: (p: string) => p.startsWith('/catalog'), permission: 'inventory.view' },
  { label: 'Stock', to: paths.stock.href(), match: (p: string) => p.startsWith('/stock'), permission: 'inventory.view' },
  { label: 'Administration', to: paths.adminUsers.href(), match: (p: string) => p.startsWith('/admin'), permission: 'user.manage' },
];

/** Follows the system's preference until the user picks one here; Mantine keeps the choice in localStorage. */
function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon variant="default" size="lg" onClick={() => setColorScheme(next)} aria-label={`Switch to the ${next} theme`} title={`Switch to the ${next} theme`}>
      {computed === 'dark' ? <SunIcon /> : <MoonIcon />}
    </ActionIcon>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const user = session?.user;
  const name = user ? displayName(user) : '';
  const canCreate = useCan('ticket.create');
  // Mantine ignores these while typing in an input, a textarea or a select.
  useHotkeys([
    ['/', () => focusPageSearch() || navigate(paths.tickets.href(), { state: FOCUS_SEARCH_STATE })],
    ['n', () => canCreate && navigate(paths.ticketNew.href())],
  ]);
  useLiveEvents();
  // My work needs a ticket view permission; without one there is nothing to count.
  const seesTickets = user?.permissions.some((p) => p.startsWith('ticket.view_')) ?? false;
  const myWork = useMyWork(seesTickets);
  const waiting = waitingCount(myWork.data);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4">
              <Link to={paths.myWork.href()} style={{ color: 'inherit', textDecoration: 'none' }}>
                BDC IMS Change Tickets
              </Link>
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
          <ColorSchemeToggle />
          {user && (
            <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <Menu position="bottom-end" width={240} withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={`User menu for ${name}`} style={{ borderRadius: 4 }} p={4}>
                  <Group gap="xs" wrap="nowrap">
                    <Avatar radius="xl" size="sm" color="blue" aria-hidden="true">
                      {initials(name)}
                    </Avatar>
                    <Text size="sm" fw={500} visibleFrom="xs">
                      {name}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
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
                <Menu.Item
                  onClick={() => logout.mutate(undefined, { onSettled: () => navigate(paths.login.href(), { replace: true }) })}
                >
                  Log out
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>Keyboard shortcuts</Menu.Label>
                <Text px="sm" pb="xs" size="xs">
                  <Kbd size="xs">/</Kbd> search tickets · <Kbd size="xs">n</Kbd> new ticket
                </Text>
              </Menu.Dropdown>
            </Menu>
            </Group>
          )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAV.filter((item) => !item.permission || (user?.permissions.includes(item.permission) ?? false)).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            rightSection={
              item.badge === 'myWork' && waiting > 0 ? (
                <Badge size="sm" color="red.8" circle={waiting < 10} aria-label={`${waiting} waiting for you`}>
                  {waiting}
                </Badge>
              ) : undefined
            }
            active={item.match(location.pathname)}
            onClick={close}
            aria-current={item.match(location.pathname) ? 'page' : undefined}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
