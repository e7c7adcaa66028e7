import { Injectable } from '@nestjs/common';
import { LIMITS, type Permission, type TicketAccessFacts, type TicketSortField, type TicketStatus, type TicketTransition } from '@bdc/contracts';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { insertedRow, type InsertedRow } from '../common/inserted-row';
import { DatabaseService } from '../database/database.service';
import { LIKE_ESCAPE } from '../inventory/like-pattern';
import { encodeCursor, NULLABLE_SORT_FIELDS, type TicketCursor } from './ticket-cursor';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketCounterEntity } from './ticket-counter.entity';
import { TicketEntity } from './ticket.entity';

export type TicketPatch = QueryDeepPartialEntity<TicketEntity>;

/** mysql2's reply to an UPDATE (ResultSetHeader). */
function isOkPacket(value: unknown): value is { affectedRows: number; insertId: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { affectedRows, insertId } = value as Record<string, unknown>;
  return typeof affectedRows === 'number' && typeof insertId === 'number';
}

export interface TicketListFilter {
  viewer: { id: number; permissions: readonly Permission[]; roles: readonly string[] };
  statuses?: string[];
  priorities?: string[];
  types?: string[];
  assignedTo?: number | 'none';
  createdBy?: number;
  /** Role queues: tickets waiting in any of these roles' queues. */
  queues?: readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
  scheduledFrom?: Date;
  scheduledTo?: Date;
  completedFrom?: Date;
  completedTo?: Date;
  /** Went through this workflow step (its history says so), in [transitionFrom, transitionTo) when given. */
  transition?: { step: TicketTransition; from?: Date; to?: Date };
  server?: string;
  /** Only the tickets with a conflict (`flagged`), or only those without: `ids` are the ones with (TicketConflictsService). */
  conflicts?: { flagged: boolean; ids: readonly number[] };
  q?: string;
  page: number;
  pageSize: number;
  sort: { field: TicketSortField; descending: boolean };
  /** Keyset pagination: the page after this position (then `page` is ignored). */
  cursor?: TicketCursor;
}

export interface TicketListRows {
  rows: TicketSummaryRow[];
  /** Exact unless `totalIsLowerBound`: then at least this many (the count stopped at its cap). */
  total: number;
  totalIsLowerBound: boolean;
  /** After this page's last row; null when it is the last page. */
  nextCursor: string | null;
}

/** How the list's total is counted: capped (the product's list) or exact (the BDC IMS action API's envelope). */
export type TotalMode = 'capped' | 'exact';

/**
 * Search terms for the full-text indexes: the words of the query (letters and digits), each a prefix,
 * all required. At most 8: a longer query narrows nothing a person meant and costs one index probe each.
 */
export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * How many of the newest tickets a MariaDB search matches by REGEXP before it asks the full-text
 * index: a first window for common words, a ten times larger one for middling ones (still far
 * cheaper than the index's per-document cost for them).
 */
const SEARCH_WINDOWS = [4_000, 40_000];

/**
 * A word search by id ranges (searchNewestById): the first chunk of ids, and the most ids read (and the
 * most older-id tickets ranking above the page's end, matchStrays) before the full-text index is asked.
 */
const SEARCH_FIRST_IDS = 4_000;
const SEARCH_MAX_IDS = 40_000;
/** Strays are read and matched in chunks (matchStrays): a first small one, then growing to the most. */
const SEARCH_STRAY_CHUNKS = { first: 2_000, most: 16_000 };
/** At most this many ranges of consecutive ids match a chunk of strays by range; more, by the list of ids. */
const SEARCH_STRAY_RUNS_MAX = 32;
/** A word search looks serials up once when at most this many tickets pin one the query starts (serialPrefixMatch). */
const SEARCH_SERIAL_IDS_MAX = 500;

/** The ranges of consecutive values in `ids` (any order), ascending: [from, to] each. */
export function idRuns(ids: readonly number[]): [number, number][] {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs.at(-1);
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id);
    else runs.push([id, id]);
  }
  return runs;
}

/**
 * Several statuses at once, newest first: `status IN (a, b)` cannot walk one `(status, created_at)`
 * range in order, so MariaDB sorted every match (61 ms at 1M tickets). Each status's range is read in
 * order instead, up to the page's end, and the lists merged: bounded by this many rows per status, past
 * which (a deep page by offset) the single query is kept.
 */
const STATUS_MERGE_MAX_ROWS = 2_000;
const STATUS_MERGE_SORTS: readonly TicketSortField[] = ['createdAt', 'updatedAt'];

/** A scheduled or completed date range: read that range first, not the whole list in created_at order. */
function rangeFirst(filter: TicketListFilter): boolean {
  return Boolean(filter.scheduledFrom ?? filter.scheduledTo ?? filter.completedFrom ?? filter.completedTo);
}

/** No ticket matches (or none may be seen). A function: callers own what they get. */
const noTickets = (): TicketListRows => ({ rows: [], total: 0, totalIsLowerBound: false, nextCursor: null });

/**
 * The REGEXP of each search word: a word of the text that starts with it (`\\b`; MariaDB's REGEXP is
 * PCRE, case-insensitive under a _ci collation). Words are letters and digits only (searchWords).
 */
function wordPatterns(words: readonly string[]): string[] {
  return words.map((w) => `\\b${w}`);
}

/** `abc` → `abc%` for a prefix LIKE (the number and serial indexes serve it). */
function prefixPattern(text: string): string {
  return `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** What a list row shows (TicketSummary): not the description and the other long texts. */
const SUMMARY_COLUMNS = [
  'id',
  'ticketNumber',
  'title',
  'ticketType',
  'priority',
  'status',
  'targetServerUuid',
  'targetServerName',
  'createdBy',
  'assignedTo',
  'assignedRole',
  'createdAt',
  'updatedAt',
  'scheduledDate',
] as const satisfies readonly (keyof TicketEntity)[];

export type TicketSummaryRow = Pick<TicketEntity, (typeof SUMMARY_COLUMNS)[number]>;

const PRIORITY_RANK = "CASE t.priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 ELSE 1 END";
const DATE_SORT_FIELDS: readonly TicketSortField[] = ['createdAt', 'updatedAt', 'scheduledDate'];

const SORT_COLUMNS: Record<Exclude<TicketSortField, 'priority'>, string> = {
  createdAt: 't.createdAt',
  updatedAt: 't.updatedAt',
  status: 't.status',
  ticketNumber: 't.ticketNumber',
  title: 't.title',
  scheduledDate: 't.scheduledDate',
};

/** The only place with query builders for tickets and their numbering. */
@Injectable()
export class TicketsRepository {
  constructor(private readonly db: DatabaseService) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  findById(id: number, manager?: EntityManager): Promise<TicketEntity | null> {
    return this.manager(manager).createQueryBuilder(TicketEntity, 't').where('t.id = :id', { id }).getOne();
  }

  /**
   * What the ticket policy needs (canView) and nothing else, in plain SQL: the live event of every
   * ticket change reads it after COMMIT, and hydrating the whole entity cost more than the query.
   */
  async accessFactsById(id: number): Promise<TicketAccessFacts | null> {
    const rows: { status: string; createdBy: number | string; assignedTo: number | string | null; assignedRole: string | null }[] = await this.manager().query(
      'SELECT status, created_by AS createdBy, assigned_to AS assignedTo, assigned_role AS assignedRole FROM tickets WHERE id = ?',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return { status: row.status as TicketStatus, createdBy: Number(row.createdBy), assignedTo: row.assignedTo === null ? null : Number(row.assignedTo), assignedRole: row.assignedRole };
  }

  /** Locks the row until the transaction ends (a no-op on SQLite, whose writers are serialised). */
  lockById(manager: EntityManager, id: number): Promise<TicketEntity | null> {
    return this.db.lockForUpdate(manager.createQueryBuilder(TicketEntity, 't').where('t.id = :id', { id })).getOne();
  }

  /** The new row's id and the timestamps the database gave it (RETURNING on MariaDB, a re-read on SQLite). */
  async insert(manager: EntityManager, values: TicketPatch): Promise<InsertedRow> {
    // A copy: TypeORM merges what the database returns (raw values) into the object it inserts.
    const result = await manager.createQueryBuilder().insert().into(TicketEntity).values({ ...values }).execute();
    return insertedRow(result.identifiers[0], result.generatedMaps[0], 'Ticket');
  }

  async update(manager: EntityManager, id: number, patch: TicketPatch): Promise<void> {
    await manager.createQueryBuilder().update(TicketEntity).set(patch).where('id = :id', { id }).execute();
  }

  /**
   * The status moves only if it still is `from`: the loser of a race changes nothing and learns it
   * from the affected-row count, whatever the engine's locking did or did not prevent.
   */
  async updateIfStatus(manager: EntityManager, id: number, from: TicketStatus, patch: TicketPatch): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(TicketEntity)
      .set(patch)
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.createQueryBuilder().delete().from(TicketEntity).where('id = :id', { id }).execute();
  }

  /**
   * Next number of the day, inside the caller's transaction. The UPDATE takes the counter row's lock,
   * so concurrent creators (in any process) queue on it and each gets its own value; a rolled back
   * creation gives its number back, so there are no gaps. The lock is held until COMMIT, so callers
   * take it as late as they can.
   */
  async nextSequence(manager: EntityManager, day: string): Promise<number> {
    const seq = await this.bumpCounter(manager, day);
    if (seq !== null) return seq;
    await this.ensureCounter(manager, day);
    const retried = await this.bumpCounter(manager, day);
    if (retried === null) throw new Error(`Ticket counter for ${day} could not be created`);
    return retried;
  }

  /**
   * Gives a ticket created under a provisional number its real one, keeping `updated_at` (on MariaDB
   * the column updates itself unless it is assigned): numbering is part of the creation, not a change.
   * Plain SQL: this runs while the counter row is locked, where every microsecond of query building
   * delays the next creator.
   */
  async assignNumber(manager: EntityManager, id: number, ticketNumber: string): Promise<void> {
    await manager.query('UPDATE tickets SET ticket_number = ?, updated_at = updated_at WHERE id = ?', [ticketNumber, id]);
  }

  /** INSERT IGNORE / INSERT OR IGNORE: creating the day's row twice is harmless. */
  async ensureCounter(manager: EntityManager | undefined, day: string): Promise<void> {
    await this.manager(manager).createQueryBuilder().insert().into(TicketCounterEntity).values({ day, seq: 0 }).orIgnore().execute();
  }

  /**
   * The day's incremented sequence, or null when the day has no counter row yet. On MariaDB/MySQL the
   * new value comes back in the UPDATE's own reply (`LAST_INSERT_ID(expr)` sets the reply's insert id),
   * which saves a SELECT while the row is locked. SQLite serialises writers, so there a read-back is
   * as good.
   */
  private async bumpCounter(manager: EntityManager, day: string): Promise<number | null> {
    if (this.db.engine === 'mysql') {
      const reply: unknown = await manager.query('UPDATE ticket_counters SET seq = LAST_INSERT_ID(seq + 1) WHERE day = ?', [day]);
      if (!isOkPacket(reply)) throw new Error('Unexpected reply to the ticket counter UPDATE');
      return reply.affectedRows > 0 ? reply.insertId : null;
    }
    const result = await manager
      .createQueryBuilder()
      .update(TicketCounterEntity)
      .set({ seq: () => 'seq + 1' })
      .where('day = :day', { day })
      .execute();
    if ((result.affected ?? 0) === 0) return null;
    const row = await manager.createQueryBuilder(TicketCounterEntity, 'c').where('c.day = :day', { day }).getOne();
    if (!row) throw new Error(`Ticket counter for ${day} vanished`);
    return row.seq;
  }

  /**
   * One page of the tickets the viewer may see, how many there are, and a cursor to the next page.
   * - The page is a deferred join: the ids come from the index that serves the filter and order alone
   *   (an index-only read, however deep the offset or the cursor), then the summary columns of those
   *   ids only. `pageSize + 1` ids are read: the extra one says whether a next page exists.
   * - The count is capped (`capped`): at most LIMITS.listTotalCap rows are counted
   *   (`SELECT COUNT(*) FROM (… LIMIT n)`) — from the top for page 1 and cursors, after the page's
   *   last row for a deeper page — so it costs a bounded index range instead of a scan of every
   *   visible ticket; past the cap the total is a lower bound, and says so. The BDC IMS
   *   action API keeps its exact count (`exact`; docs/decisions.md, "List totals").
   * The page and the count run at the same time on two connections.
   */
  async list(filter: TicketListFilter, totalMode: TotalMode = 'capped'): Promise<TicketListRows> {
    // A query with a digit is a ticket number, a serial or a model code: rare in text, so the indexes
    // answer it at once, and reading windows of recent tickets first would only delay it.
    const commonWordsLikely = filter.q !== undefined && !/\d/.test(filter.q);
    if (totalMode === 'capped' && commonWordsLikely && !filter.cursor && filter.sort.field === 'createdAt' && filter.sort.descending && this.db.engine === 'mysql') {
      const newest = await this.searchNewestById(filter);
      if (newest.rows) return newest.rows;
      // The id ranges held too few matches. When nothing narrows the list they were the newest tickets
      // already (ids follow creation); a filter may have left few of its own rows in them, and its own
      // index's newest rows come next.
      for (const window of newest.filterNarrows ? SEARCH_WINDOWS : []) {
        const recent = await this.searchRecent(filter, window);
        if (recent) return recent;
      }
    }
    const base = this.filtered(filter);
    if (!base) return noTickets();
    const offset = filter.cursor ? 0 : (filter.page - 1) * filter.pageSize;
    const byRange = rangeFirst(filter);
    const page = () =>
      this.mergesStatuses(filter, offset) ? this.positionsByStatus(filter, offset, filter.pageSize + 1) : this.positions(base.clone(), filter.sort, offset, filter.pageSize + 1, filter.cursor, byRange);
    let positions: Awaited<ReturnType<typeof page>>;
    let total: number;
    let lowerBound: boolean;
    if (totalMode === 'exact') {
      const [found, n] = await Promise.all([page(), base.clone().getCount()]);
      [positions, total, lowerBound] = [found, n, false];
    } else if (filter.q && !filter.cursor && !this.mergesStatuses(filter, offset)) {
      // A search's matches are gathered whole (the union of the indexes in searchSql) before they are
      // ordered, so counting them in the same query costs nothing more; a second query would gather
      // them all again (half of a number-prefix search's time at 1M tickets). The count is exact.
      const found = await this.positions(base.clone(), filter.sort, offset, filter.pageSize + 1, undefined, byRange, true);
      positions = found;
      const counted = found[0]?.total;
      if (counted !== undefined) [total, lowerBound] = [counted, false];
      else {
        // A page past the end: how many there are, up to the cap.
        const n = await this.cappedCount(base.clone(), LIMITS.listTotalCap);
        [total, lowerBound] = [Math.min(n, LIMITS.listTotalCap), n > LIMITS.listTotalCap];
      }
    } else if (offset === 0) {
      // Page 1 or a cursor: the count starts at the top of the list, at the same time as the page.
      const [found, counted] = await Promise.all([page(), this.cappedCount(base.clone(), LIMITS.listTotalCap)]);
      [positions, total, lowerBound] = [found, Math.min(counted, LIMITS.listTotalCap), counted > LIMITS.listTotalCap];
    } else {
      // A deep page: the rows before it are known to exist (the page's offset read them from the
      // index); only those after its last row are counted, from there, up to the cap.
      positions = await page();
      const last = positions.at(Math.min(positions.length, filter.pageSize) - 1);
      const after = last && positions.length > filter.pageSize ? await this.cappedCount(this.afterPosition(base.clone(), filter.sort, last), LIMITS.listTotalCap) : 0;
      const seen = positions.length === 0 ? await this.cappedCount(base.clone(), offset) : offset + Math.min(positions.length, filter.pageSize);
      total = Math.min(seen + after, seen + LIMITS.listTotalCap);
      lowerBound = after > LIMITS.listTotalCap;
    }
    const more = positions.length > filter.pageSize;
    const pagePositions = positions.slice(0, filter.pageSize);
    const rows = await this.summariesOf(pagePositions.map((p) => p.id));
    const last = pagePositions.at(-1);
    return {
      rows,
      total,
      totalIsLowerBound: lowerBound,
      nextCursor: more && last ? encodeCursor({ sort: filter.sort, value: last.sortValue, id: last.id }) : null,
    };
  }

  /**
   * A search over the newest tickets first (MariaDB, newest-first order, no cursor). InnoDB's
   * full-text index costs ~30 µs per matching document, so a word in a tenth of a million tickets
   * takes seconds, while the newest tickets of the filter (SEARCH_WINDOWS), read in index order and
   * matched by a word-prefix REGEXP, hold its first pages in a few milliseconds. When the window has
   * enough matches for the page, they are the answer (the total is then what the window holds, a lower
   * bound when the window did not reach the list's end); otherwise the word is rare, and the full-text
   * index, fast for rare words, answers (null here). Same semantics as searchSql: every word a prefix
   * of a word of the title or description or of one public comment, or the query a prefix of the
   * number or of a pinned serial.
   */
  private async searchRecent(filter: TicketListFilter, window: number): Promise<TicketListRows | null> {
    const q = filter.q ?? '';
    const words = searchWords(q);
    if (words.length === 0) return null;
    const base = this.filtered({ ...filter, q: undefined });
    if (!base) return noTickets();
    base.select('t.id', 'id').addSelect(this.sortValueExpression('createdAt'), 'sort_value').addSelect('t.created_at', 'created_at');
    this.applySort(base, filter.sort);
    const [windowSql, windowParams] = base.limit(window).getQueryAndParameters();
    const patterns = wordPatterns(words);
    const textMatch = patterns.map(() => "CONCAT_WS(' ', s.title, s.description) REGEXP ?").join(' AND ');
    const commentMatch = patterns.map(() => 'c.comment REGEXP ?').join(' AND ');
    const prefix = prefixPattern(q.trim());
    const sql = `SELECT w.id, w.sort_value FROM (${windowSql}) w JOIN tickets s ON s.id = w.id
      WHERE (${textMatch})
         OR s.ticket_number LIKE ? ${LIKE_ESCAPE}
         OR EXISTS (SELECT 1 FROM ticket_comments c WHERE c.ticket_id = w.id AND c.is_internal = 0 AND ${commentMatch})
         OR EXISTS (SELECT 1 FROM ticket_items si WHERE si.ticket_id = w.id AND si.component_serial LIKE ? ${LIKE_ESCAPE})
      ORDER BY w.created_at DESC, w.id DESC`;
    const [windowSize, matches] = await Promise.all([
      this.manager()
        .query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM (${windowSql}) w`, windowParams)
        .then(([r]) => Number(r?.n ?? 0)),
      this.manager().query<{ id: number | string; sort_value: string }[]>(sql, [...windowParams, ...patterns, prefix, ...patterns, prefix]),
    ]);
    const windowIsWholeList = windowSize < window;
    const offset = (filter.page - 1) * filter.pageSize;
    if (!windowIsWholeList && matches.length <= offset + filter.pageSize) return null;
    const page = matches.slice(offset, offset + filter.pageSize);
    const last = page.at(-1);
    const more = matches.length > offset + filter.pageSize;
    return {
      rows: await this.summariesOf(page.map((m) => Number(m.id))),
      total: matches.length,
      totalIsLowerBound: !windowIsWholeList,
      nextCursor: more && last ? encodeCursor({ sort: filter.sort, value: String(last.sort_value), id: Number(last.id) }) : null,
    };
  }

  /**
   * A word search, newest first, read by primary-key range (MariaDB): ids follow creation, and a
   * range of the clustered index is read sequentially (~0.3 µs a row, with the word match ~0.9 µs),
   * where the created_at index costs a lookup per row (~2.5 µs) and the full-text index ~30 µs per
   * document of each word. The newest ids are read in chunks, each sized from the matches the last
   * ones held, until the page's end is found or SEARCH_MAX_IDS ids were read. Then the order is made
   * exact: tickets with older ids but a newer created_at than the page's last match (imported
   * tickets) are looked up by the created_at index and matched too. A public comment's ticket is
   * found through the comments of the chunk's ticket ids. `rows` is null when the ranges held too few
   * matches (a rare word: the full-text index is fast for those). Same semantics as searchSql.
   */
  private async searchNewestById(filter: TicketListFilter): Promise<{ rows: TicketListRows | null; filterNarrows: boolean }> {
    const q = filter.q ?? '';
    const words = searchWords(q);
    const base = this.filtered({ ...filter, q: undefined });
    if (!base) return { rows: noTickets(), filterNarrows: true };
    const filterNarrows = base.expressionMap.wheres.length > 0;
    if (words.length === 0) return { rows: null, filterNarrows };
    const [bounds] = await this.manager().query<{ lo: number | string | null; hi: number | string | null }[]>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM tickets');
    if (!bounds || bounds.lo === null || bounds.hi === null) return { rows: noTickets(), filterNarrows };
    const [first, last] = [Number(bounds.lo), Number(bounds.hi)];
    const offset = (filter.page - 1) * filter.pageSize;
    const need = offset + filter.pageSize + 1;
    const params: Record<string, string> = { qPrefix: prefixPattern(q.trim()) };
    wordPatterns(words).forEach((pattern, i) => (params[`qWord${i}`] = pattern));
    const textMatch = words.map((_, i) => `CONCAT_WS(' ', t.title, t.description) REGEXP :qWord${i}`).join(' AND ');
    const commentMatch = words.map((_, i) => `c.comment REGEXP :qWord${i}`).join(' AND ');
    // A pinned serial that starts with the query: looked up once in the serial index (words rarely
    // start a serial), not once per ticket read; a query that starts many is matched row by row.
    const serialMatch = await this.serialPrefixMatch(params.qPrefix ?? '');
    type Match = { id: number; sortValue: string };
    // Every match read, kept or not: the total. Of a range's matches only the newest `need` can be on
    // the page or before it, and only they come back (a common word matched thousands of the strays,
    // each parsed and sorted here), with the range's count of them all.
    let matchedCount = 0;
    const matchesOf = async (range: string, rangeParams: Record<string, unknown>, commentRange: string): Promise<Match[]> => {
      const qb = base
        .clone()
        .select('t.id', 'id')
        .addSelect(this.sortValueExpression('createdAt'), 'sort_value')
        .addSelect('COUNT(*) OVER ()', 'matched')
        .andWhere(range, rangeParams)
        .andWhere(
          `((${textMatch}) OR t.ticket_number LIKE :qPrefix ${LIKE_ESCAPE}${serialMatch.sql}
            OR t.id IN (SELECT c.ticket_id FROM ticket_comments c WHERE ${commentRange} AND c.is_internal = 0 AND ${commentMatch}))`,
          { ...params, ...serialMatch.params },
        );
      this.applySort(qb, { field: 'createdAt', descending: true });
      const raw = await qb.limit(need).getRawMany<{ id: number | string; sort_value: string; matched: number | string }>();
      matchedCount += Number(raw[0]?.matched ?? 0);
      return raw.map((r) => ({ id: Number(r.id), sortValue: String(r.sort_value) }));
    };
    const newestFirst = (a: Match, b: Match) => (a.sortValue < b.sortValue ? 1 : a.sortValue > b.sortValue ? -1 : b.id - a.id);

    let matches: Match[] = [];
    let upper = last;
    let chunk = Math.min(SEARCH_FIRST_IDS, need * 40);
    while (upper >= first && last - upper < SEARCH_MAX_IDS && matches.length < need) {
      const lower = Math.max(first, upper - chunk + 1);
      matches = matches.concat(await matchesOf('t.id BETWEEN :idFrom AND :idTo', { idFrom: lower, idTo: upper }, 'c.ticket_id BETWEEN :idFrom AND :idTo'));
      upper = lower - 1;
      const read = last - upper;
      // The next chunk: what the density so far says the page still needs, with a margin.
      const density = Math.max(matchedCount, 1) / read;
      chunk = Math.min(SEARCH_MAX_IDS - read, Math.max(SEARCH_FIRST_IDS, Math.ceil(((need - matches.length) / density) * 1.25)));
    }
    const wholeTable = upper < first;
    if (matches.length < need && !wholeTable) return { rows: null, filterNarrows };
    matches.sort(newestFirst);
    const pageEnd = matches[need - 1];
    if (pageEnd && !wholeTable) {
      const strays = await this.matchStrays(base, matchesOf, newestFirst, { idBelow: upper + 1, pageEnd, matches, need });
      if (!strays) return { rows: null, filterNarrows };
      matches = matches.concat(strays).sort(newestFirst);
    }
    const page = matches.slice(offset, offset + filter.pageSize);
    const lastOfPage = page.at(-1);
    const more = matches.length > offset + filter.pageSize;
    return {
      rows: {
        rows: await this.summariesOf(page.map((m) => m.id)),
        total: matchedCount,
        totalIsLowerBound: !wholeTable,
        nextCursor: more && lastOfPage ? encodeCursor({ sort: filter.sort, value: lastOfPage.sortValue, id: lastOfPage.id }) : null,
      },
      filterNarrows,
    };
  }

  /**
   * The matches among the older ids that rank above the id walk's page end (created later than it:
   * tickets created before an import or a bulk load of older ones, whose ids are higher). The newest
   * strays are read first from the created_at index (ids only, from the index alone) and matched: a
   * common word stops there, once the page is full of matches that rank above the next stray. The
   * rest are then read (strayIdsAfter) and matched at once as ranges of consecutive ids, or, in more
   * ranges than that allows, chunk by chunk in created_at order, stopping as above; past
   * SEARCH_MAX_IDS strays, null: the full-text index answers.
   */
  private async matchStrays<M extends { id: number; sortValue: string }>(
    base: SelectQueryBuilder<TicketEntity>,
    matchesOf: (range: string, rangeParams: Record<string, unknown>, commentRange: string) => Promise<M[]>,
    newestFirst: (a: M, b: M) => number,
    walk: { idBelow: number; pageEnd: M; matches: readonly M[]; need: number },
  ): Promise<M[] | null> {
    const sort = { field: 'createdAt', descending: true } as const;
    const strays = { idBelow: walk.idBelow, pageEnd: walk.pageEnd.sortValue };
    const found: M[] = [];
    // Strays come in blocks of consecutive ids (the tickets filed before a bulk load): a few id ranges
    // are read sequentially from the clustered index, where a list of ids costs a lookup each.
    const matchRuns = (runs: readonly (readonly [number, number])[]) => {
      const params = Object.fromEntries(runs.flatMap(([from, to], i) => [[`sFrom${i}`, from], [`sTo${i}`, to]]));
      const inRuns = (column: string) => `(${runs.map((_, i) => `${column} BETWEEN :sFrom${i} AND :sTo${i}`).join(' OR ')})`;
      return matchesOf(inRuns('t.id'), params, inRuns('c.ticket_id'));
    };
    // Every stray still unread ranks below `position`: done once `need` matches rank above it.
    const pageFullAbove = (position: { id: number; sortValue: string }) => {
      const nth = [...walk.matches, ...found].sort(newestFirst)[walk.need - 1];
      return nth !== undefined && newestFirst(nth, { ...nth, id: position.id, sortValue: position.sortValue }) < 0;
    };
    const matchIds = (ids: number[]) => {
      const runs = idRuns(ids);
      return runs.length <= SEARCH_STRAY_RUNS_MAX ? matchRuns(runs) : matchesOf('t.id IN (:...strayIds)', { strayIds: ids }, 'c.ticket_id IN (:...strayIds)');
    };
    // The newest strays first, with their positions: a word common among them stops here.
    const first = base.clone().select('t.id', 'id').addSelect(this.sortValueExpression('createdAt'), 'sort_value').andWhere('t.id < :idBelow AND t.createdAt > :pageEnd', strays);
    this.applySort(first, sort);
    const firstIds = await first.limit(SEARCH_STRAY_CHUNKS.first).getRawMany<{ id: number | string; sort_value: string }>();
    if (firstIds.length === 0) return found;
    found.push(...(await matchIds(firstIds.map((r) => Number(r.id)))));
    const last = firstIds.at(-1);
    if (firstIds.length < SEARCH_STRAY_CHUNKS.first || !last) return found;
    const position = { id: Number(last.id), sortValue: String(last.sort_value) };
    if (pageFullAbove(position)) return found;
    // The rest at once: the word is not common among the strays. A few blocks of ids are matched as
    // ranges in one statement; scattered ids, by lists of SEARCH_STRAY_CHUNKS.most.
    const most = SEARCH_MAX_IDS - firstIds.length;
    // Usually the rest is one block of consecutive ids (the tickets filed before an import): its bounds
    // and count say so without sending tens of thousands of ids here to be parsed and grouped.
    const block = await this.strayBlockAfter(base, strays, position, most);
    if (block === 'too many') return null;
    if (block === 'none') return found;
    if (block) return found.concat(await matchRuns([block]));
    const rest = await this.strayIdsAfter(base, strays, position, most);
    if (!rest) return null;
    const restRuns = idRuns(rest);
    if (restRuns.length <= SEARCH_STRAY_RUNS_MAX) return found.concat(await matchRuns(restRuns));
    for (let from = 0; from < rest.length; from += SEARCH_STRAY_CHUNKS.most) {
      const chunk = rest.slice(from, from + SEARCH_STRAY_CHUNKS.most);
      found.push(...(await matchIds(chunk)));
      const chunkEnd = chunk.at(-1);
      if (chunkEnd === undefined || from + chunk.length >= rest.length) break;
      const end = await base.clone().select(this.sortValueExpression('createdAt'), 'sort_value').andWhere('t.id = :chunkEnd', { chunkEnd }).getRawOne<{ sort_value: string }>();
      if (end && pageFullAbove({ id: chunkEnd, sortValue: String(end.sort_value) })) break;
    }
    return found;
  }

  /**
   * The serial part of a word search's row match: the tickets with a pinned serial that starts with
   * the query, read from the serial index (`t.id IN (…)`, or nothing when there are none), or, when
   * more than SEARCH_SERIAL_IDS_MAX tickets have one, a lookup per row as before.
   */
  private async serialPrefixMatch(prefix: string): Promise<{ sql: string; params: Record<string, unknown> }> {
    const rows = await this.manager().query<{ id: number | string }[]>(
      `SELECT DISTINCT si.ticket_id AS id FROM ticket_items si WHERE si.component_serial LIKE ? ${LIKE_ESCAPE} LIMIT ${SEARCH_SERIAL_IDS_MAX + 1}`,
      [prefix],
    );
    if (rows.length > SEARCH_SERIAL_IDS_MAX) {
      return { sql: `\n            OR EXISTS (SELECT 1 FROM ticket_items si WHERE si.ticket_id = t.id AND si.component_serial LIKE :qPrefix ${LIKE_ESCAPE})`, params: {} };
    }
    if (rows.length === 0) return { sql: '', params: {} };
    return { sql: ' OR t.id IN (:...serialTicketIds)', params: { serialTicketIds: rows.map((r) => Number(r.id)) } };
  }

  /**
   * The strays after `position` when they are one block of consecutive ids ([from, to]); 'none', 'too
   * many' (more than `most`), or null when they are scattered (strayIdsAfter then reads them). The
   * same read of the created_at index as strayIdsAfter, aggregated in the server.
   */
  private async strayBlockAfter(
    base: SelectQueryBuilder<TicketEntity>,
    strays: { idBelow: number; pageEnd: string },
    position: { id: number; sortValue: string },
    most: number,
  ): Promise<[number, number] | 'none' | 'too many' | null> {
    const [sql, parameters] = this.strayIdsQuery(base, strays, position, most + 1);
    const [row] = await this.manager().query<{ lo: number | string | null; hi: number | string | null; n: number | string }[]>(
      `SELECT MIN(s.id) AS lo, MAX(s.id) AS hi, COUNT(*) AS n FROM (${sql}) s`,
      parameters,
    );
    const n = Number(row?.n ?? 0);
    if (!row || n === 0 || row.lo === null || row.hi === null) return 'none';
    if (n > most) return 'too many';
    const [lo, hi] = [Number(row.lo), Number(row.hi)];
    return hi - lo + 1 === n ? [lo, hi] : null;
  }

  /**
   * The ids of the strays after `position`, newest first (ids only, from the created_at index), or
   * null when they are more than `most`. Read whole and grouped into runs here: cheaper than
   * grouping them in SQL (gaps and islands sorted 10k strays by id: 15 ms, the ids read 5–8 ms).
   */
  private async strayIdsAfter(base: SelectQueryBuilder<TicketEntity>, strays: { idBelow: number; pageEnd: string }, position: { id: number; sortValue: string }, most: number): Promise<number[] | null> {
    const [sql, parameters] = this.strayIdsQuery(base, strays, position, most + 1);
    const ids = (await this.manager().query<{ id: number | string }[]>(sql, parameters)).map((r) => Number(r.id));
    return ids.length > most ? null : ids;
  }

  /** The ids of the strays after `position`, newest first, at most `limit` (from the created_at index alone). */
  private strayIdsQuery(base: SelectQueryBuilder<TicketEntity>, strays: { idBelow: number; pageEnd: string }, position: { id: number; sortValue: string }, limit: number): [string, unknown[]] {
    const rest = base.clone().select('t.id', 'id').andWhere('t.id < :idBelow AND t.createdAt > :pageEnd', strays);
    this.afterPosition(rest, { field: 'createdAt', descending: true }, position);
    this.applySort(rest, { field: 'createdAt', descending: true });
    return rest.limit(limit).getQueryAndParameters();
  }

  /** The rows after a position of the list (a keyset condition, as a cursor would give). */
  private afterPosition(qb: SelectQueryBuilder<TicketEntity>, sort: TicketListFilter['sort'], position: { id: number; sortValue: string | number | null }): SelectQueryBuilder<TicketEntity> {
    this.applyKeyset(qb, { sort, value: position.sortValue, id: position.id });
    return qb;
  }

  /** How many rows match, counting at most `cap + 1`: a bounded read of the index, not a scan. */
  private async cappedCount(qb: SelectQueryBuilder<TicketEntity>, cap: number): Promise<number> {
    const [sql, parameters] = qb.select('1').limit(cap + 1).getQueryAndParameters();
    const [row] = await this.manager().query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, parameters);
    return Number(row?.n ?? 0);
  }

  /**
   * The ids (and raw sort values, for the next cursor) of one page in the list's order. The sort value
   * is read as the database stores it — a date as text with its microseconds — so that a cursor
   * compares exactly with what it came from.
   */
  private async positions(
    qb: SelectQueryBuilder<TicketEntity>,
    sort: TicketListFilter['sort'],
    offset: number,
    limit: number,
    cursor?: TicketCursor,
    byRange = false,
    withTotal = false,
  ): Promise<{ id: number; sortValue: string | number | null; total?: number }[]> {
    qb.select('t.id', 'id').addSelect(this.sortValueExpression(sort.field), 'sort_value');
    // Every row that matches, before the page is cut from them (a window over the whole result).
    if (withTotal) qb.addSelect('COUNT(*) OVER ()', 'total_matches');
    if (cursor) this.applyKeyset(qb, cursor);
    this.applySort(qb, sort);
    qb.offset(offset).limit(limit);
    type RawPosition = { id: number | string; sort_value: string | number | Date | null; total_matches?: number | string };
    let raw: RawPosition[];
    if (byRange && this.db.engine === 'mysql' && sort.field === 'createdAt') {
      // MariaDB estimates a date range's rows as spread evenly over created_at and walks that index
      // backwards from today, when the range's tickets are years old (700k rows read for one page at
      // 1M). Barred from ordering by it, it reads the range (created_at is in the range's index) and sorts.
      const [sql, parameters] = qb.getQueryAndParameters();
      raw = await this.manager().query<RawPosition[]>(sql.replace('FROM `tickets` `t`', 'FROM `tickets` `t` IGNORE INDEX FOR ORDER BY (`idx_created_at`)'), parameters);
    } else {
      raw = await qb.getRawMany<RawPosition>();
    }
    return raw.map((r) => ({
      id: Number(r.id),
      sortValue: this.cursorValue(sort.field, r.sort_value),
      ...(r.total_matches === undefined ? {} : { total: Number(r.total_matches) }),
    }));
  }

  private mergesStatuses(filter: TicketListFilter, offset: number): boolean {
    return (
      this.db.engine === 'mysql' &&
      (filter.statuses?.length ?? 0) > 1 &&
      STATUS_MERGE_SORTS.includes(filter.sort.field) &&
      !rangeFirst(filter) &&
      offset + filter.pageSize + 1 <= STATUS_MERGE_MAX_ROWS
    );
  }

  /**
   * positions() for a multi-status filter: one ordered index range per status, at the same time, then
   * merged in the list's order. The sort value of a date is `YYYY-MM-DD HH:MM:SS.ffffff` (never NULL for
   * these columns), so comparing the strings compares the dates; the id breaks ties as in applySort.
   */
  private async positionsByStatus(filter: TicketListFilter, offset: number, limit: number): Promise<{ id: number; sortValue: string | number | null }[]> {
    const lists = await Promise.all(
      (filter.statuses ?? []).map((status) => {
        const one = this.filtered({ ...filter, statuses: [status] });
        return one ? this.positions(one, filter.sort, 0, offset + limit, filter.cursor) : Promise.resolve([]);
      }),
    );
    const direction = filter.sort.descending ? -1 : 1;
    const key = (p: { sortValue: string | number | null }) => String(p.sortValue ?? '');
    return lists
      .flat()
      .sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id))
      .slice(offset, offset + limit);
  }

  private sortValueExpression(field: TicketSortField): string {
    if (field === 'priority') return PRIORITY_RANK;
    const column = SORT_COLUMNS[field];
    return this.db.engine === 'mysql' && DATE_SORT_FIELDS.includes(field) ? `DATE_FORMAT(${column}, '%Y-%m-%d %H:%i:%s.%f')` : column;
  }

  private cursorValue(field: TicketSortField, value: string | number | Date | null): string | number | null {
    if (value === null) return null;
    if (field === 'priority') return Number(value);
    return value instanceof Date ? value.toISOString() : String(value);
  }

  /**
   * Rows strictly after the cursor in the list's order: `(value, id)` beyond the cursor's. Written as
   * `col <= v AND (col < v OR id < i)` (for a descending sort) so the sort column's index gives a range.
   * NULLs (a ticket without a scheduled date) sort first ascending and last descending on both engines.
   */
  private applyKeyset(qb: SelectQueryBuilder<TicketEntity>, cursor: TicketCursor): void {
    const { field, descending } = cursor.sort;
    const column = field === 'priority' ? PRIORITY_RANK : SORT_COLUMNS[field];
    const [beyond, beyondOrAt] = descending ? ['<', '<='] : ['>', '>='];
    const nullable = NULLABLE_SORT_FIELDS.includes(field);
    const params = { cursorValue: cursor.value, cursorId: cursor.id };
    if (cursor.value === null) {
      qb.andWhere(descending ? `(${column} IS NULL AND t.id < :cursorId)` : `((${column} IS NULL AND t.id > :cursorId) OR ${column} IS NOT NULL)`, params);
      return;
    }
    const after = `(${column} ${beyondOrAt} :cursorValue AND (${column} ${beyond} :cursorValue OR t.id ${beyond} :cursorId))`;
    qb.andWhere(nullable && descending ? `(${after} OR ${column} IS NULL)` : after, params);
  }

  /** The summary columns of these tickets, in the order of the ids. */
  private async summariesOf(ids: number[]): Promise<TicketSummaryRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.manager()
      .createQueryBuilder(TicketEntity, 't')
      .select(SUMMARY_COLUMNS.map((column) => `t.${column}`))
      .where('t.id IN (:...ids)', { ids })
      .getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The tickets the viewer may see that match the filter (no columns, order or page yet); null when none
   * can. The dashboard aggregates over the same set as the list.
   */
  filtered(filter: Omit<TicketListFilter, 'page' | 'pageSize' | 'sort'>): SelectQueryBuilder<TicketEntity> | null {
    const qb = this.manager().createQueryBuilder(TicketEntity, 't');
    if (!this.applyVisibility(qb, filter.viewer)) return null;
    if (filter.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.priorities?.length) qb.andWhere('t.priority IN (:...priorities)', { priorities: filter.priorities });
    if (filter.types?.length) qb.andWhere('t.ticketType IN (:...types)', { types: filter.types });
    if (filter.assignedTo === 'none') qb.andWhere('t.assignedTo IS NULL');
    else if (filter.assignedTo !== undefined) qb.andWhere('t.assignedTo = :assignedTo', { assignedTo: filter.assignedTo });
    if (filter.createdBy !== undefined) qb.andWhere('t.createdBy = :createdBy', { createdBy: filter.createdBy });
    if (filter.createdFrom) qb.andWhere('t.createdAt >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('t.createdAt < :createdTo', { createdTo: filter.createdTo });
    if (filter.scheduledFrom) qb.andWhere('t.scheduledDate >= :scheduledFrom', { scheduledFrom: filter.scheduledFrom });
    if (filter.scheduledTo) qb.andWhere('t.scheduledDate < :scheduledTo', { scheduledTo: filter.scheduledTo });
    if (filter.completedFrom) qb.andWhere('t.completedAt >= :completedFrom', { completedFrom: filter.completedFrom });
    if (filter.completedTo) qb.andWhere('t.completedAt < :completedTo', { completedTo: filter.completedTo });
    if (filter.transition) {
      const { step, from, to } = filter.transition;
      const [oldStatus, newStatus] = step === 'rolled_back' ? ['deployed', 'in_progress'] : [null, step];
      qb.andWhere(
        `EXISTS (SELECT 1 FROM ticket_history th WHERE th.ticket_id = t.id AND th.action = 'status_change' AND th.new_value = :transitionNew${oldStatus ? ' AND th.old_value = :transitionOld' : ''}${from ? ' AND th.created_at >= :transitionFrom' : ''}${to ? ' AND th.created_at < :transitionTo' : ''})`,
        { transitionNew: newStatus, transitionOld: oldStatus, transitionFrom: from, transitionTo: to },
      );
    }
    if (filter.queues !== undefined) {
      if (filter.queues.length === 0) return null;
      qb.andWhere('t.assignedRole IN (:...queues)', { queues: filter.queues });
    }
    if (filter.server) qb.andWhere('t.targetServerUuid = :server', { server: filter.server });
    if (filter.conflicts?.flagged) {
      if (filter.conflicts.ids.length === 0) return null;
      qb.andWhere('t.id IN (:...conflicting)', { conflicting: [...filter.conflicts.ids] });
    } else if (filter.conflicts && filter.conflicts.ids.length > 0) {
      qb.andWhere('t.id NOT IN (:...conflicting)', { conflicting: [...filter.conflicts.ids] });
    }
    if (filter.q) qb.andWhere(`t.id IN (SELECT m.id FROM (${this.searchSql(filter.q)}) m)`, { qPrefix: prefixPattern(filter.q.trim()), qWords: this.fullTextQuery(filter.q) });
    return qb;
  }

  /**
   * The ids of the tickets a search finds: words (each a prefix) in the title and description or in a
   * public comment, through the full-text indexes (MariaDB FULLTEXT, SQLite FTS5 kept in step by
   * triggers), and the start of a ticket number or of a serial an item pins, through their B-tree
   * indexes. A derived table, so the engine builds the id set once (an `IN (… UNION …)` would be
   * re-evaluated per ticket on MariaDB).
   */
  private searchSql(q: string): string {
    const hasWords = searchWords(q).length > 0;
    const prefixes = [
      `SELECT tn.id FROM tickets tn WHERE tn.ticket_number LIKE :qPrefix ${LIKE_ESCAPE}`,
      `SELECT si.ticket_id AS id FROM ticket_items si WHERE si.component_serial LIKE :qPrefix ${LIKE_ESCAPE}`,
    ];
    if (!hasWords) return prefixes.join(' UNION ');
    const words =
      this.db.engine === 'mysql'
        ? [
            'SELECT ft.id FROM tickets ft WHERE MATCH(ft.title, ft.description) AGAINST (:qWords IN BOOLEAN MODE)',
            'SELECT fc.ticket_id AS id FROM ticket_comments fc WHERE MATCH(fc.comment) AGAINST (:qWords IN BOOLEAN MODE) AND fc.is_internal = 0',
          ]
        : [
            'SELECT rowid AS id FROM tickets_fts WHERE tickets_fts MATCH :qWords',
            'SELECT fc.ticket_id AS id FROM ticket_comments fc WHERE fc.id IN (SELECT rowid FROM ticket_comments_fts WHERE ticket_comments_fts MATCH :qWords) AND fc.is_internal = 0',
          ];
    return [...words, ...prefixes].join(' UNION ');
  }

  /** Every word required, each a prefix: `+mem* +dis*` (MariaDB boolean mode), `"mem"* AND "dis"*` (FTS5). */
  private fullTextQuery(q: string): string {
    const words = searchWords(q);
    return this.db.engine === 'mysql' ? words.map((w) => `+${w}*`).join(' ') : words.map((w) => `"${w}"*`).join(' AND ');
  }

  /** The list's sort: by the field, then by id in the same direction so that pages never overlap. */
  private applySort(qb: SelectQueryBuilder<TicketEntity>, sort: TicketListFilter['sort']): void {
    const direction = sort.descending ? 'DESC' : 'ASC';
    if (sort.field === 'priority') {
      qb.addSelect(PRIORITY_RANK, 'priority_rank');
      qb.orderBy('priority_rank', direction);
    } else {
      qb.orderBy(SORT_COLUMNS[sort.field], direction);
    }
    qb.addOrderBy('t.id', direction);
  }

  /**
   * Every matching ticket (all columns of a summary plus the description), in the list's order, read
   * in chunks so an export of any size streams in bounded memory. Each chunk continues from the last
   * one's keyset position, so the millionth row costs what the first did (an OFFSET would rescan).
   */
  async *iterate(filter: Omit<TicketListFilter, 'page' | 'pageSize'>, chunk = 500): AsyncGenerator<TicketEntity[]> {
    let cursor: TicketCursor | undefined;
    for (;;) {
      const qb = this.filtered(filter);
      if (!qb) return;
      const positions = await this.positions(qb, filter.sort, 0, chunk, cursor);
      if (positions.length === 0) return;
      const ids = positions.map((p) => p.id);
      const rows = await this.manager().createQueryBuilder(TicketEntity, 't').where('t.id IN (:...ids)', { ids }).getMany();
      const byId = new Map(rows.map((r) => [r.id, r]));
      yield ids.flatMap((id) => byId.get(id) ?? []);
      const last = positions.at(-1);
      if (positions.length < chunk || !last) return;
      cursor = { sort: filter.sort, value: last.sortValue, id: last.id };
    }
  }

  /** The people who filed the tickets the viewer may see: the choices of the list's requester filter. */
  async requesterIds(viewer: TicketListFilter['viewer']): Promise<number[]> {
    const qb = this.filtered({ viewer });
    if (!qb) return [];
    const rows = await qb.select('t.createdBy', 'createdBy').distinct(true).getRawMany<{ createdBy: number | string }>();
    return rows.map((r) => Number(r.createdBy));
  }

  /** view_all, else view_assigned → assigned to me, view_own → created by me; false when nothing is visible. Also used by my-work. */
  applyVisibility(qb: SelectQueryBuilder<TicketEntity>, viewer: TicketListFilter['viewer']): boolean {
    const p = viewer.permissions;
    if (p.includes('ticket.view_all')) return true;
    const assigned = p.includes('ticket.view_assigned');
    const own = p.includes('ticket.view_own');
    if (!assigned && !own) return false;
    qb.andWhere(
      new Brackets((w) => {
        if (assigned) w.orWhere('t.assignedTo = :viewerId', { viewerId: viewer.id });
        // Role queues: what waits in the queue of one of the viewer's roles (contracts canView).
        if (assigned && viewer.roles.length > 0) w.orWhere('t.assignedRole IN (:...viewerRoles)', { viewerRoles: [...viewer.roles] });
        if (own) w.orWhere('t.createdBy = :viewerId', { viewerId: viewer.id });
      }),
    );
    return true;
  }

  async itemCounts(ticketIds: number[]): Promise<Map<number, number>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await this.manager()
      .createQueryBuilder(TicketItemEntity, 'i')
      .select('i.ticketId', 'ticketId')
      .addSelect('COUNT(*)', 'count')
      .where('i.ticketId IN (:...ticketIds)', { ticketIds })
      .groupBy('i.ticketId')
      .getRawMany<{ ticketId: number | string; count: number | string }>();
    return new Map(rows.map((r) => [Number(r.ticketId), Number(r.count)]));
  }
}
