import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginRoute } from '../features/auth/routes/login-route';
import { ServerDetailRoute } from '../features/servers/routes/server-detail-route';
import { ServersListRoute } from '../features/servers/routes/servers-list-route';
import { TicketCreateRoute } from '../features/tickets/routes/ticket-create-route';
import { TicketDetailRoute } from '../features/tickets/routes/ticket-detail-route';
import { TicketEditRoute } from '../features/tickets/routes/ticket-edit-route';
import { TicketsListRoute } from '../features/tickets/routes/tickets-list-route';
import { paths } from '../lib/paths';
import { AppLayout } from './app-layout';
import { NotFoundRoute } from './not-found-route';
import { RequireAuth } from './require-auth';

export const routes: RouteObject[] = [
  { path: paths.login.path, element: <LoginRoute /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to={paths.tickets.href()} replace /> },
      { path: paths.tickets.path, element: <TicketsListRoute /> },
      { path: paths.ticketNew.path, element: <TicketCreateRoute /> },
      { path: paths.ticket.path, element: <TicketDetailRoute /> },
      { path: paths.ticketEdit.path, element: <TicketEditRoute /> },
      { path: paths.servers.path, element: <ServersListRoute /> },
      { path: paths.server.path, element: <ServerDetailRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
