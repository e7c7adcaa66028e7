import { describe, expect, it } from 'vitest';
import { clearFilters, nextSort, parseListParams, withFilter, withPage, withSort } from './list-params';

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
