/**
 * The typed route table: the router registers `path`, links build URLs with `href`, so a renamed route
 * is a compile error rather than a dead link.
 */
export const paths = {
  myWork: { path: '/', href: () => '/' },
  login: { path: '/login', href: (redirectTo?: string) => (redirectTo ? `/login?redirect=${encodeURIComponent(redirectTo)}` : '/login') },
  tickets: { path: '/tickets', href: (search?: string) => (search ? `/tickets?${search}` : '/tickets') },
  ticketNew: { path: '/tickets/new', href: () => '/tickets/new' },
  ticket: { path: '/tickets/:id', href: (id: number | string) => `/tickets/${id}` },
  ticketEdit: { path: '/tickets/:id/edit', href: (id: number | string) => `/tickets/${id}/edit` },
  servers: { path: '/servers', href: () => '/servers' },
  dashboard: { path: '/dashboard', href: (search?: string) => (search ? `/dashboard?${search}` : '/dashboard') },
  apiTokens: { path: '/account/api-tokens', href: () => '/account/api-tokens' },
  notificationPreferences: { path: '/account/notifications', href: () => '/account/notifications' },
  adminUsers: { path: '/admin/users', href: (search?: string) => (search ? `/admin/users?${search}` : '/admin/users') },
  adminUser: { path: '/admin/users/:id', href: (id: number | string) => `/admin/users/${id}` },
  adminRoles: { path: '/admin/roles', href: () => '/admin/roles' },
  adminMatrix: { path: '/admin/matrix', href: () => '/admin/matrix' },
  adminAudit: { path: '/admin/audit', href: () => '/admin/audit' },
  changePassword: { path: '/account/password', href: () => '/account/password' },
  server: { path: '/servers/:uuid', href: (uuid: string) => `/servers/${encodeURIComponent(uuid)}` },
  catalog: { path: '/catalog', href: (search?: string) => (search ? `/catalog?${search}` : '/catalog') },
  catalogImport: { path: '/catalog/import', href: () => '/catalog/import' },
  catalogNew: { path: '/catalog/new', href: () => '/catalog/new' },
  catalogModelEdit: { path: '/catalog/:uuid/edit', href: (uuid: string) => `/catalog/${encodeURIComponent(uuid)}/edit` },
  catalogModel: { path: '/catalog/:uuid', href: (uuid: string) => `/catalog/${encodeURIComponent(uuid)}` },
  stock: { path: '/stock', href: (search?: string) => (search ? `/stock?${search}` : '/stock') },
  stockImport: { path: '/stock/import', href: () => '/stock/import' },
  unit: { path: '/stock/:id', href: (id: number) => `/stock/${id}` },
} as const;
