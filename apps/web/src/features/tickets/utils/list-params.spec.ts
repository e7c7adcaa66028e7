import { describe, expect, it } from 'vitest';
import { clearFilters, nextSort, parseListParams, withFilter, withoutPage, withPage, withSort } from './list-params';

describe('list params ↔ URL', () => {
  it('reads known filters and ignores junk', () => {
    const q = parseListParams(new URLSearchParams('status=pending&priority=urgent&ticketType=component_removal&assignedTo=me&q=%20ram%20&page=3&pageSize=50&sort=priority'));
    expect(q).toEqual({ status: 'pending', ticketType: 'component_removal', assignedTo: 'me', q: 'ram', page: 3, pageSize: 50, sort: 'priority' });
  });

  it('defaults page, size and sort', () => {
    expect(parseListParams(new URLSearchParams('page=0&pageSize=1000&sort=-password'))).toEqual({ page: 1, pageSize: 20, sort: '-createdAt' });
  });

  it('keeps the role queue filter (mine or a role name)', () => {
    expect(parseListParams(new URLSearchParams('queue=mine')).queue).toBe('mine');
    expect(parseListParams(new URLSearchParams('queue=%20technician%20')).queue).toBe('technician');
    expect(parseListParams(new URLSearchParams('queue=')).queue).toBeUndefined();
  });

  it('accepts numeric assignee ids and "none"', () => {
    expect(parseListParams(new URLSearchParams('assignedTo=4')).assignedTo).toBe(4);
    expect(parseListParams(new URLSearchParams('assignedTo=none')).assignedTo).toBe('none');
    expect(parseListParams(new URLSearchParams('assignedTo=bob')).assignedTo).toBeUndefined();
  });

  it('changing a filter or the sort goes back to page 1; clearing keeps sort', () => {
    const p = new URLSearchParams('status=pending&page=4&sort=title');
    expect(withFilter(p, 'priority', 'high').toString()).toBe('status=pending&sort=title&priority=high');
    expect(withFilter(p, 'status', null).toString()).toBe('sort=title');
    expect(withSort(p, '-title').toString()).toBe('status=pending&sort=-title');
    expect(withPage(p, 1).toString()).toBe('status=pending&sort=title');
    expect(clearFilters(p).toString()).toBe('sort=title');
  });

  it('cycles sort direction per column', () => {
    expect(nextSort('-createdAt', 'createdAt')).toBe('createdAt');
    expect(nextSort('createdAt', 'createdAt')).toBe('-createdAt');
    expect(nextSort('-createdAt', 'title')).toBe('title');
    expect(nextSort('title', 'title')).toBe('-title');
  });
});

describe('date-range filters', () => {
  it('turns whole days in the URL into the instants the API filters on, both ends included', () => {
    const q = parseListParams(new URLSearchParams('createdFrom=2026-03-01&createdTo=2026-03-31&scheduledFrom=2026-04-02&createdBy=me'));
    expect(q.createdFrom).toBe(new Date(2026, 2, 1).toISOString());
    // The end day is included: the range stops at the start of the day after.
    expect(q.createdTo).toBe(new Date(2026, 3, 1).toISOString());
    expect(q.scheduledFrom).toBe(new Date(2026, 3, 2).toISOString());
    expect(q.scheduledTo).toBeUndefined();
    expect(q.createdBy).toBe('me');
  });

  it('ignores what is not a day rather than sending it on', () => {
    const q = parseListParams(new URLSearchParams('createdFrom=yesterday&createdTo=2026-13-45&createdBy=-3'));
    expect(q.createdFrom).toBeUndefined();
    expect(q.createdTo).toBeUndefined();
    expect(q.createdBy).toBeUndefined();
  });

  it('saves and exports the filters without the page', () => {
    expect(withoutPage(new URLSearchParams('status=pending&page=3&sort=-priority')).toString()).toBe('status=pending&sort=-priority');
  });
});
