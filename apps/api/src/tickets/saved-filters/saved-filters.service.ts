import { Injectable } from '@nestjs/common';
import { LIMITS, type ListResult, type SavedFilter, type SaveFilterRequest } from '@bdc/contracts';
import type { AuthContext } from '../../access/auth-context';
import { DomainError, fieldError } from '../../common/domain-error';
import { isoOrNull } from '../../common/strict-date-time';
import { DatabaseService } from '../../database/database.service';
import { SavedFilterEntity } from './saved-filter.entity';

const toView = (row: SavedFilterEntity): SavedFilter => ({ id: row.id, name: row.name, query: row.query, createdAt: isoOrNull(row.createdAt) ?? '' });

/** Keys the ticket list understands; a saved query keeps only these (no page: a filter is not a place). */
const LIST_KEYS = new Set(['status', 'priority', 'ticketType', 'type', 'assignedTo', 'createdBy', 'queue', 'createdFrom', 'createdTo', 'scheduledFrom', 'scheduledTo', 'completedFrom', 'completedTo', 'transition', 'transitionFrom', 'transitionTo', 'server', 'conflicts', 'q', 'sort', 'pageSize']);

/** The list's query string, checked and normalised: known keys only, no page, a leading `?` dropped. */
export function normaliseListQuery(raw: string): string {
  const params = new URLSearchParams(raw.startsWith('?') ? raw.slice(1) : raw);
  const unknown = [...new Set([...params.keys()].filter((k) => k !== 'page' && !LIST_KEYS.has(k)))];
  if (unknown.length > 0) throw fieldError('query', `names ${unknown.join(', ')}, which the ticket list does not filter on`);
  params.delete('page');
  return params.toString();
}

/** Named ticket-list filters, each user's own: nobody reads or deletes another's. */
@Injectable()
export class SavedFiltersService {
  constructor(private readonly db: DatabaseService) {}

  async list(auth: AuthContext): Promise<ListResult<SavedFilter>> {
    const rows = await this.db.dataSource.getRepository(SavedFilterEntity).find({ where: { userId: auth.id }, order: { name: 'ASC' } });
    return { items: rows.map(toView), total: rows.length };
  }

  /** Creates the filter, or replaces the query of the caller's filter of that name. */
  async save(auth: AuthContext, request: SaveFilterRequest): Promise<SavedFilter> {
    const query = normaliseListQuery(request.query);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(SavedFilterEntity);
      const existing = await repo.findOne({ where: { userId: auth.id, name: request.name } });
      if (existing) {
        existing.query = query;
        return toView(await repo.save(existing));
      }
      if ((await repo.count({ where: { userId: auth.id } })) >= LIMITS.savedFiltersPerUserMax) {
        throw new DomainError('CONFLICT', `You already keep ${LIMITS.savedFiltersPerUserMax} saved filters: delete one first`);
      }
      return toView(await repo.save(repo.create({ userId: auth.id, name: request.name, query })));
    });
  }

  /** 404 for a filter that is not the caller's, as for one that does not exist. */
  async remove(auth: AuthContext, id: number): Promise<void> {
    const result = await this.db.dataSource.getRepository(SavedFilterEntity).delete({ id, userId: auth.id });
    if ((result.affected ?? 0) === 0) throw new DomainError('NOT_FOUND', `Saved filter ${id} not found`);
  }
}
