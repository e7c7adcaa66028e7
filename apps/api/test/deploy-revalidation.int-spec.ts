import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { demoUserId } from './factories';
import { createTestApp, type TestApp } from './harness';
import { act, actAll, addItem, createTicket, MODEL, SERVER, serverDetail } from './ticket-helpers';

/**
 * Two tickets that each fit the server alone but not together: both may be approved (each is judged
 * against the server as it is), yet deploying the second must not produce a build that breaks an
 * error-level rule. k8s-node-05 has a single-socket board and no CPU.
 */
describeEachEngine('deploy judges the build as it is at deploy time', (engine) => {
  let t: TestApp;
  let manager: string;
  let requester: string;
  let tech: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [manager, requester, tech] = await Promise.all(['manager', 'requester', 'tech'].map((u) => t.login(u)));
  });
  afterAll(async () => t?.close());

  it('refuses the deploy that would put a second CPU on a one-socket board, changing nothing', async () => {
    const techId = await demoUserId(t, 'tech');
    const cpu = { targetServerUuid: SERVER.k8sNode05, items: [addItem('cpu', MODEL.cpuEpyc9124, 1)] };
    const first = await createTicket(t, requester, { title: 'First CPU', ...cpu });
    const second = await createTicket(t, requester, { title: 'Another CPU', ...cpu });
    for (const ticket of [first, second]) {
      await actAll(t, ticket.id, [[manager, 'approve'], [manager, 'assign', { assigneeId: techId }], [tech, 'start']]);
    }
    expect((await act(t, tech, first.id, 'deploy')).status).toBe(200);
    const before = await serverDetail(t, manager, SERVER.k8sNode05);

    const refused = await act(t, tech, second.id, 'deploy');
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/socket|CPU/i);
    const after = await serverDetail(t, manager, SERVER.k8sNode05);
    expect(after.components.filter((c) => c.componentType === 'cpu')).toHaveLength(1);
    expect(after.components.map((c) => c.serialNumber).sort()).toEqual(before.components.map((c) => c.serialNumber).sort());
  });
});
