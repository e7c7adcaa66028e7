import { Injectable } from '@nestjs/common';
import type { AuthEvent, AuthEventKind, AuthEventQuery, AuthEventReason, Page } from '@bdc/contracts';
import { LIMITS } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { AuthEventsRepository } from './auth-events.repository';
import type { AuthEventEntity } from './auth-event.entity';

/** Who is signing in, as the HTTP layer saw it. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** The sign-in audit: written by AuthService, read by administrators (`user.manage`). */
@Injectable()
export class AuthEventsService {
  constructor(private readonly events: AuthEventsRepository) {}

  record(event: AuthEventKind, username: string, userId: number | null, reason: AuthEventReason | null, client: ClientInfo): Promise<void> {
    return this.events.insert({
      event,
      // Bounded to the columns: the login DTO already caps the name, a header can be anything.
      username: username.slice(0, 100),
      userId,
      reason,
      ipAddress: client.ip?.slice(0, 45) ?? null,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
    });
  }

  async list(_auth: AuthContext, query: AuthEventQuery): Promise<Page<AuthEvent>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
    const [rows, total] = await this.events.page({ username: query.username?.trim(), event: query.event }, page, pageSize);
    return { items: rows.map(toAuthEvent), total, page, pageSize };
  }
}

function toAuthEvent(row: AuthEventEntity): AuthEvent {
  return {
    id: row.id,
    event: row.event,
    username: row.username,
    userId: row.userId,
    reason: row.reason,
    ip: row.ipAddress,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
  };
}
