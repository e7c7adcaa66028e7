import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginRoute } from '../features/auth/routes/login-route';
import { PageLoader } from '../components/page-loader';
import { paths } from '../lib/paths';
import { AppLayout } from './app-layout';
import { NotFoundRoute } from './not-found-route';
import { RequireAuth } from './require-auth';

// Pages behind the login load on demand: the sign-in page does not wait for the ticket form, the
// date pickers and the tables to download.
export const routes: RouteObject[] = [
  { path: paths.login.path, element: <LoginRoute /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    // The first page loads its code on demand; until it arrives the router shows this instead of nothing.
    hydrateFallbackElement: <PageLoader label="Loading" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../features/my-work/routes/my-work-route')).MyWorkRoute }) },
      { path: paths.tickets.path, lazy: async () => ({ Component: (await import('../features/tickets/routes/tickets-list-route')).TicketsListRoute }) },
      { path: paths.ticketNew.path, lazy: async () => ({ Component: (await import('../features/tickets/routes/ticket-create-route')).TicketCreateRoute }) },
      { path: paths.ticket.path, lazy: async () => ({ Component: (await import('../features/tickets/routes/ticket-detail-route')).TicketDetailRoute }) },
      { path: paths.ticketEdit.path, lazy: async () => ({ Component: (await import('../features/tickets/routes/ticket-edit-route')).TicketEditRoute }) },
      { path: paths.dashboard.path, lazy: async () => ({ Component: (await import('../features/dashboard/routes/dashboard-route')).DashboardRoute }) },
      { path: paths.servers.path, lazy: async () => ({ Component: (await import('../features/servers/routes/servers-list-route')).ServersListRoute }) },
      { path: paths.server.path, lazy: async () => ({ Component: (await import('../features/servers/routes/server-detail-route')).ServerDetailRoute }) },
      { path: paths.catalog.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/catalog-list-route')).CatalogListRoute }) },
      { path: paths.catalogImport.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/catalog-import-route')).CatalogImportRoute }) },
      { path: paths.catalogNew.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/catalog-model-edit-route')).CatalogModelCreateRoute }) },
      { path: paths.catalogModelEdit.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/catalog-model-edit-route')).CatalogModelEditRoute }) },
      { path: paths.catalogModel.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/catalog-model-route')).CatalogModelRoute }) },
      { path: paths.stock.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/stock-list-route')).StockListRoute }) },
      { path: paths.stockImport.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/stock-import-route')).StockImportRoute }) },
      { path: paths.unit.path, lazy: async () => ({ Component: (await import('../features/inventory/routes/unit-route')).UnitRoute }) },
      { path: paths.adminUsers.path, lazy: async () => ({ Component: (await import('../features/admin/routes/users-route')).UsersRoute }) },
      { path: paths.adminUser.path, lazy: async () => ({ Component: (await import('../features/admin/routes/user-route')).UserRoute }) },
      { path: paths.adminRoles.path, lazy: async () => ({ Component: (await import('../features/admin/routes/roles-route')).RolesRoute }) },
      { path: paths.adminMatrix.path, lazy: async () => ({ Component: (await import('../features/admin/routes/matrix-route')).MatrixRoute }) },
      { path: paths.adminAudit.path, lazy: async () => ({ Component: (await import('../features/admin/routes/audit-route')).AuditRoute }) },
      { path: paths.changePassword.path, lazy: async () => ({ Component: (await import('../features/account/routes/change-password-route')).ChangePasswordRoute }) },
      { path: paths.apiTokens.path, lazy: async () => ({ Component: (await import('../features/account/routes/api-tokens-route')).ApiTokensRoute }) },
      {
        path: paths.notificationPreferences.path,
        lazy: async () => ({ Component: (await import('../features/notifications/routes/notification-preferences-route')).NotificationPreferencesRoute }),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
