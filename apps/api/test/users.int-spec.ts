import type { ErrorBody, ListResult, UserSummary } from '@bdc/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UserListEntry } from '../src/users/users.dto';
import { UsersService } from '../src/users/users.service';
import { describeEachEngine } from './engines';
import { createUser, demoUserId, setUserStatus } from './factories';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('users', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('assignees are the active holders of ticket.deploy', async () => {
    const token = await t.login('manager');
    const before = await t.http.get<ListResult<UserSummary>>('/api/users/assignees', { token });
    expect(before.status).toBe(200);
    expect(before.body.items.map((u) => u.username)).toEqual(['admin', 'tech', 'tech2']);
    expect(before.body.items.find((u) => u.username === 'tech')?.displayName).toBe('Tom Becker');

    const personal = await createUser(t, { username: 'zz-contractor', roles: ['viewer'], permissions: ['ticket.deploy'] });
    await setUserStatus(t, await demoUserId(t, 'tech2'), 'disabled');
    const after = await t.http.get<ListResult<UserSummary>>('/api/users/assignees', { token });
    expect(after.body.items.map((u) => u.username)).toEqual(['admin', 'tech', personal.username]);
    await setUserStatus(t, await demoUserId(t, 'tech2'), 'active');
  });

  it('assignees need ticket.assign', async () => {
    const res = await t.http.get<ErrorBody>('/api/users/assignees', { token: await t.login('tech') });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('ticket.assign');
  });

  it('the user list (user.manage) shows roles and status', async () => {
    const res = await t.http.get<ListResult<UserListEntry>>('/api/users', { token: await t.login('admin') });
    expect(res.status).toBe(200);
    expect(res.body.items.find((u) => u.username === 'manager2')).toMatchObject({ roles: ['manager'], status: 'active', email: 'daniel.kim@bdc.example' });
  });

  it('UsersService gives the ticket services permissions and summaries', async () => {
    const users = t.app.get(UsersService);
    const techId = await demoUserId(t, 'tech');
    expect(await users.permissionsOf(techId)).toEqual(expect.arrayContaining(['ticket.deploy', 'ticket.view_assigned']));
    const summaries = await users.summaries([techId, 1, 999_999]);
    expect(summaries.get(techId)).toEqual({ id: techId, username: 'tech', displayName: 'Tom Becker' });
    expect(summaries.has(999_999)).toBe(false);
    expect(await users.findActiveById(999_999)).toBeNull();
  });
});
