import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { TicketNotificationEntity } from './ticket-notification.entity';

export type NewNotificationRow = QueryDeepPartialEntity<TicketNotificationEntity>;

/** The only place with query builders for the outbox and the preferences. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  /** One multi-row INSERT; the generated ids in the order given (the live bell announces each). */
  async insertMany(manager: EntityManager, rows: NewNotificationRow[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const result = await manager.createQueryBuilder().insert().into(TicketNotificationEntity).values(rows).execute();
    return rows.map((_, index) => {
      const id: unknown = result.identifiers[index]?.['id'];
      if (typeof id !== 'number') throw new Error('Notification insert returned no id');
      return id;
    });
  }

  /** Users who turned email off for this event. */
  async emailOptOuts(manager: EntityManager, userIds: number[], event: string): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const rows = await manager
      .createQueryBuilder(NotificationPreferenceEntity, 'p')
      .where('p.userId IN (:...userIds) AND p.notificationType = :event AND p.emailEnabled = :off', { userIds, event, off: false })
      .getMany();
    return new Set(rows.map((r) => r.userId));
  }

  preferencesOf(userId: number): Promise<NotificationPreferenceEntity[]> {
    return this.manager().find(NotificationPreferenceEntity, { where: { userId } });
  }

  async savePreferences(manager: EntityManager, userId: number, values: { event: string; email: boolean }[]): Promise<void> {
    for (const value of values) {
      const existing = await manager.findOne(NotificationPreferenceEntity, { where: { userId, notificationType: value.event } });
      if (existing) {
        if (existing.emailEnabled !== value.email) await manager.update(NotificationPreferenceEntity, { id: existing.id }, { emailEnabled: value.email });
      } else {
        await manager.insert(NotificationPreferenceEntity, { userId, notificationType: value.event, emailEnabled: value.email });
      }
    }
  }

  async inbox(userId: number, opts: { unreadOnly: boolean; page: number; pageSize: number }): Promise<{ rows: TicketNotificationEntity[]; total: number }> {
    const qb = this.manager()
      .createQueryBuilder(TicketNotificationEntity, 'n')
      .leftJoin('n.ticket', 't')
      .addSelect(['t.id', 't.ticketNumber'])
      .where('n.recipientUserId = :userId', { userId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .skip((opts.page - 1) * opts.pageSize)
      .take(opts.pageSize);
    if (opts.unreadOnly) qb.andWhere('n.readAt IS NULL');
    const [rows, total] = await qb.getManyAndCount();
    return { rows, total };
  }

  unreadCount(userId: number): Promise<number> {
    return this.manager().createQueryBuilder(TicketNotificationEntity, 'n').where('n.recipientUserId = :userId AND n.readAt IS NULL', { userId }).getCount();
  }

  findOfRecipient(id: number, userId: number): Promise<TicketNotificationEntity | null> {
    return this.manager()
      .createQueryBuilder(TicketNotificationEntity, 'n')
      .leftJoin('n.ticket', 't')
      .addSelect(['t.id', 't.ticketNumber'])
      .where('n.id = :id AND n.recipientUserId = :userId', { id, userId })
      .getOne();
  }

  async markRead(userId: number, id: number | null, at: Date): Promise<number> {
    const qb = this.manager()
      .createQueryBuilder()
      .update(TicketNotificationEntity)
      .set({ readAt: at })
      .where('recipient_user_id = :userId AND read_at IS NULL', { userId });
    if (id !== null) qb.andWhere('id = :id', { id });
    return (await qb.execute()).affected ?? 0;
  }
}
