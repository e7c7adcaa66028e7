import type { Permission } from '@bdc/contracts';
import type { AuthUser } from '@bdc/contracts';
import { ActionIcon, AppShell, Avatar, Badge, Burger, Group, NavLink, Text, Title, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMyWork } from '../features/my-work/api/get-my-work';
import { waitingCount } from '../features/my-work/my-work-sections';
import { NotificationBell } from '../features/notifications/components/notification-bell';
import { MoonIcon, SunIcon } from '../components/icons';
import { PageLoader } from '../components/page-loader';
import { displayName, useCan, useSession } from '../lib/auth-session';
import { FOCUS_SEARCH_STATE, focusPageSearch } from '../lib/global-search';
import { paths } from '../lib/paths';
import { useLiveEvents } from '../lib/use-live-events';
import { useLoadOnIntent } from '../lib/use-load-on-intent';
import { PageErrorBoundary } from './page-error-boundary';

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

const loadUserMenu = () => import('./user-menu');
const UserMenu = lazy(async () => ({ default: (await loadUserMenu()).UserMenu }));

/** The user button shows at once; the menu behind it downloads when the user reaches for it. */
function DeferredUserMenu({ user, name }: { user: Pick<AuthUser, 'username' | 'roles'>; name: string }) {
  const [opened, setOpened] = useState(false);
  const { wanted, want, intentProps } = useLoadOnIntent(loadUserMenu);
  const button = (extra: object) => (
    <UnstyledButton aria-label={`User menu for ${name}`} style={{ borderRadius: 4 }} p={4} {...extra}>
      <Group gap="xs" wrap="nowrap">
        <Avatar radius="xl" size="sm" color="blue" aria-hidden="true">
          {initials(name)}
        </Avatar>
        <Text size="sm" fw={500} visibleFrom="xs">
          {name}
        </Text>
      </Group>
    </UnstyledButton>
  );
  // Until the menu arrives, a click asks for it open; once it is there, Menu.Target handles clicks itself.
  const placeholder = button({
    ...intentProps,
    'aria-haspopup': 'menu',
    'aria-expanded': false,
    onClick: () => {
      want();
      setOpened(true);
    },
  });
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <UserMenu user={user} name={name} target={button({})} opened={opened} onChange={setOpened} />
    </Suspense>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
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
            <DeferredUserMenu user={user} name={name} />
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
        {/* The shell stays while a page's code downloads; a page that fails leaves the navigation usable. */}
        <PageErrorBoundary>
          <Suspense fallback={<PageLoader label="Loading" />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
