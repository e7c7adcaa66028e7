import { describe, expect, it } from 'vitest';
import { parseListParams } from '../../tickets/utils/list-params';
import { dayLink, formatRate, formatSeconds, openLink, workloadLink } from './dashboard-links';

const queryOf = (href: string) => parseListParams(new URLSearchParams(href.split('?')[1] ?? ''));

describe('dashboard links', () => {
  it('link a UTC day to the exact instants the list filters on, in any time zone', () => {
    const q = queryOf(dayLink({ server: 'srv-1' }, 'completed', '2031-03-02'));
    expect(q.completedFrom).toBe('2031-03-02T00:00:00.000Z');
    expect(q.completedTo).toBe('2031-03-03T00:00:00.000Z');
    expect(q.server).toBe('srv-1');
  });

  it('link "open" to every status but completed and cancelled, and workload to the work in hand', () => {
    expect(queryOf(openLink({}, { priority: 'high' }))).toMatchObject({ status: ['draft', 'pending', 'approved', 'rejected', 'in_progress', 'deployed'], priority: 'high' });
    expect(queryOf(workloadLink({ ticketType: 'component_addition' }, 7))).toMatchObject({ assignedTo: 7, status: ['approved', 'in_progress', 'deployed'], ticketType: 'component_addition' });
  });

  it('formats stage times and rates for reading', () => {
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(45 * 60)).toBe('45 min');
    expect(formatSeconds(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatSeconds(52 * 3600)).toBe('2 d 4 h');
    expect(formatRate(0.755)).toBe('76 %');
    expect(formatRate(null)).toBe('—');
  });
});

describe('transition links', () => {
  it('link a decision or rollback count to the tickets that went through that step in the period', async () => {
    const { transitionLink } = await import('./dashboard-links');
    const q = queryOf(transitionLink({ server: 's' }, 'rolled_back', { from: '2031-03-01T00:00:00.000Z', to: '2031-03-05T00:00:00.000Z' }));
    expect(q).toMatchObject({ transition: 'rolled_back', transitionFrom: '2031-03-01T00:00:00.000Z', transitionTo: '2031-03-05T00:00:00.000Z', server: 's' });
  });
});
