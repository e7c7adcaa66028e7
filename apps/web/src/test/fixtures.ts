import type { AuthUser, LoginResponse, TicketDetail, TicketSummary, UserSummary } from '@bdc/contracts';

export const requesterUser: AuthUser = {
  id: 6,
  username: 'requester',
  email: 'requester@example.test',
  firstName: 'Rita',
  lastName: 'Requester',
  displayName: 'Rita Requester',
  roles: ['viewer'],
  permissions: ['ticket.view_own', 'ticket.create', 'ticket.edit_own', 'ticket.comment', 'server.view', 'inventory.view'],
};

export function loginResponse(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, user: requesterUser, ...overrides };
}

export const userSummary = (id: number, username: string): UserSummary => ({ id, username, displayName: username });

export function ticketSummary(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: 1,
    ticketNumber: 'TKT-20250101-0001',
    title: 'Add memory to web-01',
    ticketType: 'component_addition',
    priority: 'normal',
    status: 'pending',
    targetServerUuid: 'srv-1',
    targetServerName: 'web-01',
    createdBy: userSummary(6, 'requester'),
    assignedTo: null,
    assignedRole: null,
    itemCount: 1,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    scheduledDate: null,
    ...overrides,
  };
}

export function ticketDetail(overrides: Partial<TicketDetail> = {}): TicketDetail {
  const { itemCount: _itemCount, ...summary } = ticketSummary();
  return {
    ...summary,
    description: 'Two more DIMMs',
    approvedBy: null,
    reviewedBy: null,
    submittedAt: '2025-01-01T10:00:00.000Z',
    approvedAt: null,
    rejectedAt: null,
    deployedAt: null,
    completedAt: null,
    estimatedDuration: 30,
    rejectionReason: null,
    deploymentNotes: null,
    items: [],
    allowedActions: [],
    validation: { itemsValidated: true, compatibilityChecked: false, valid: true, warnings: [], items: [] },
    ...overrides,
  };
}
