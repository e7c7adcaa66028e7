import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines';
import { createUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/harness';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * subjectOf (the access guard's query per request and the grants cached under its access version)
 * must agree with findById + grantsOf (the plain reads), the first time and from the cache, for
 * several roles with shared permissions and several personal grants, one of them also granted by a role.
 */
describeEachEngine('users service: subjectOf', (engine) => {
  let t: TestApp;
  let users: UsersRepository;
  let service: UsersService;

  beforeAll(async () => {
    t = await createTestApp(engine);
    users = t.app.get(UsersRepository);
    service = t.app.get(UsersService);
  });
  afterAll(async () => t?.close());

  async function expectSameAsPlainReads(userId: number) {
    const subject = await service.subjectOf(userId, 'no-such-session');
    const user = await users.findById(userId);
    const grants = await users.grantsOf(userId);
    expect(subject).not.toBeNull();
    expect(await service.subjectOf(userId, 'no-such-session')).toEqual(subject);
    expect(subject?.user).toEqual({ id: user?.id, username: user?.username, firstName: user?.firstName, lastName: user?.lastName, status: user?.status });
    expect(subject?.grants).toEqual(grants);
    expect(subject?.sessionLive).toBe(false);
    return subject;
  }

  it('matches the plain reads for users with no grants, roles only, personal grants only, and both', async () => {
    const cases = [
      await createUser(t, { roles: [] }),
      await createUser(t, { roles: ['viewer'] }),
      await createUser(t, { roles: [], permissions: ['inventory.view', 'server.view'] }),
      await createUser(t, { roles: ['technician', 'manager'], permissions: ['ticket.view_own', 'user.manage'], status: 'disabled' }),
    ];
    const [none, roleOnly, personalOnly, both] = await Promise.all(cases.map((c) => expectSameAsPlainReads(c.id)));
    expect(none?.grants).toEqual({ roles: [], permissions: [] });
    expect(roleOnly?.grants.roles).toEqual(['viewer']);
    expect(personalOnly?.grants.permissions).toEqual(['inventory.view', 'server.view']);
    expect(both?.grants.roles).toEqual(['manager', 'technician']);
    expect(both?.grants.permissions).toContain('user.manage');
    expect(new Set(both?.grants.permissions).size).toBe(both?.grants.permissions.length);
    expect(both?.user.status).toBe('disabled');
  });

  it('is null for a user that does not exist', async () => {
    expect(await service.subjectOf(987_654, 'no-such-session')).toBeNull();
  });
});
