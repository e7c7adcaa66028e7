import { type ComponentType, lazy, type LazyExoticComponent, Suspense } from 'react';
import { BrowserRouter, matchRoutes, type RouteObject, useRoutes } from 'react-router';
import { PageLoader } from '../components/page-loader';
import { paths } from '../lib/paths';
import { PageErrorBoundary } from './page-error-boundary';
import { RequireAuth } from './require-auth';

/** Code downloaded the first time it is shown, or earlier through `load` (preloadPageCode). */
interface LazyPart {
  load: () => Promise<ComponentType>;
  Component: LazyExoticComponent<ComponentType>;
}

function lazyPart(load: () => Promise<ComponentType>): LazyPart {
  // The module system fetches and evaluates a module once: an early load() and React.lazy's later call share it.
  return { load, Component: lazy(async () => ({ default: await load() })) };
}

// Every page loads on demand, the sign-in page and the shell (navigation, header) included: a first load
// is the entry plus the parts that one page needs, held to 150 kB gzip by scripts/check-bundle-budget.mjs.
// Declarative routes rather than createBrowserRouter: no page uses a loader or an action, and the data
// router is 17 kB gzip more; preloadPageCode() gives back what its lazy routes did, fetching the shell and
// the page in parallel rather than one after the other.
const loginPage = lazyPart(async () => (await import('../features/auth/routes/login-route')).LoginRoute);
const shell = lazyPart(async () => (await import('./app-layout')).AppLayout);

/** The pages inside the shell, by path (`undefined`: the index page, My work). */
const SHELL_PAGES: [string | undefined, LazyPart][] = [
  [undefined, lazyPart(async () => (await import('../features/my-work/routes/my-work-route')).MyWorkRoute)],
  [paths.tickets.path, lazyPart(async () => (await import('../features/tickets/routes/tickets-list-route')).TicketsListRoute)],
  [paths.ticketNew.path, lazyPart(async () => (await import('../features/tickets/routes/ticket-create-route')).TicketCreateRoute)],
  [paths.ticket.path, lazyPart(async () => (await import('../features/tickets/routes/ticket-detail-route')).TicketDetailRoute)],
  [paths.ticketEdit.path, lazyPart(async () => (await import('../features/tickets/routes/ticket-edit-route')).TicketEditRoute)],
  [paths.dashboard.path, lazyPart(async () => (await import('../features/dashboard/routes/dashboard-route')).DashboardRoute)],
  [paths.servers.path, lazyPart(async () => (await import('../features/servers/routes/servers-list-route')).ServersListRoute)],
  [paths.server.path, lazyPart(async () => (await import('../features/servers/routes/server-detail-route')).ServerDetailRoute)],
  [paths.catalog.path, lazyPart(async () => (await import('../features/inventory/routes/catalog-list-route')).CatalogListRoute)],
  [paths.catalogImport.path, lazyPart(async () => (await import('../features/inventory/routes/catalog-import-route')).CatalogImportRoute)],
  [paths.catalogNew.path, lazyPart(async () => (await import('../features/inventory/routes/catalog-model-edit-route')).CatalogModelCreateRoute)],
  [paths.catalogModelEdit.path, lazyPart(async () => (await import('../features/inventory/routes/catalog-model-edit-route')).CatalogModelEditRoute)],
  [paths.catalogModel.path, lazyPart(async () => (await import('../features/inventory/routes/catalog-model-route')).CatalogModelRoute)],
  [paths.stock.path, lazyPart(async () => (await import('../features/inventory/routes/stock-list-route')).StockListRoute)],
  [paths.stockImport.path, lazyPart(async () => (await import('../features/inventory/routes/stock-import-route')).StockImportRoute)],
  [paths.unit.path, lazyPart(async () => (await import('../features/inventory/routes/unit-route')).UnitRoute)],
  [paths.adminUsers.path, lazyPart(async () => (await import('../features/admin/routes/users-route')).UsersRoute)],
  [paths.adminUser.path, lazyPart(async () => (await import('../features/admin/routes/user-route')).UserRoute)],
  [paths.adminRoles.path, lazyPart(async () => (await import('../features/admin/routes/roles-route')).RolesRoute)],
  [paths.adminMatrix.path, lazyPart(async () => (await import('../features/admin/routes/matrix-route')).MatrixRoute)],
  [paths.adminAudit.path, lazyPart(async () => (await import('../features/admin/routes/audit-route')).AuditRoute)],
  [paths.changePassword.path, lazyPart(async () => (await import('../features/account/routes/change-password-route')).ChangePasswordRoute)],
  [paths.apiTokens.path, lazyPart(async () => (await import('../features/account/routes/api-tokens-route')).ApiTokensRoute)],
  [paths.notificationPreferences.path, lazyPart(async () => (await import('../features/notifications/routes/notification-preferences-route')).NotificationPreferencesRoute)],
  ['*', lazyPart(async () => (await import('./not-found-route')).NotFoundRoute)],
];

const routes: RouteObject[] = [
  { path: paths.login.path, element: <loginPage.Component />, handle: loginPage },
  {
    element: (
      <RequireAuth>
        <shell.Component />
      </RequireAuth>
    ),
    children: SHELL_PAGES.map(([path, page]): RouteObject =>
      path === undefined ? { index: true, element: <page.Component />, handle: page } : { path, element: <page.Component />, handle: page },
    ),
  },
];

/**
 * Starts downloading the code the first screen needs before React asks for it: the page at `pathname` and,
 * for a signed-in user, the shell around it, side by side. A signed-out user is sent to the sign-in page.
 */
export function preloadPageCode(pathname: string, signedIn: boolean): void {
  const page: LazyPart | undefined = matchRoutes(routes, pathname)?.at(-1)?.route.handle;
  const parts = page === loginPage || !signedIn ? [loginPage] : [shell, ...(page ? [page] : [])];
  // A failure here is not lost: React.lazy loads again and the error boundary shows what went wrong.
  for (const part of parts) part.load().catch(() => undefined);
}

function AppRoutes() {
  return useRoutes(routes);
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <PageErrorBoundary>
        {/* Shown while the sign-in page or the shell downloads; once a page shows, navigations keep it on
            screen until the next page's code arrives (the router changes location in a transition). */}
        <Suspense fallback={<PageLoader label="Loading" />}>
          <AppRoutes />
        </Suspense>
      </PageErrorBoundary>
    </BrowserRouter>
  );
}
