import type { AuthUser, ErrorBody, LoginResponse } from '@bdc/contracts';
import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './engines';
import { createUser, type CreatedUser } from './factories';
import { createTestApp, type TestApp } from './harness';
import { ticketBody } from './ticket-helpers';

/** Access tokens are bound to their session: when the session ends, so do they (not at their expiry). */
describeEachEngine('sessions end their access tokens', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  async function signIn(user: CreatedUser): Promise<LoginResponse> {
    const res = await t.http.post<LoginResponse>('/api/auth/login', { body: { username: user.username, password: user.password } });
    expect(res.status).toBe(200);
    return res.body;
  }
  const me = (token: string) => t.http.get<AuthUser & ErrorBody>('/api/auth/me', { token });
  const createTicket = (token: string) => t.http.post<ErrorBody>('/api/tickets', { token, body: ticketBody({ title: 'After logout' }) });
  const refresh = (refreshToken: string) => t.http.post<LoginResponse & ErrorBody>('/api/auth/refresh', { body: { refreshToken } });

  function expectEnded(res: { status: number; body: ErrorBody }): void {
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'TOKEN_INVALID', message: 'This session was ended; sign in again' });
  }

  it('refuses the access token on reads and writes once its session logged out', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const session = await signIn(user);
    expect((await me(session.accessToken)).status).toBe(200);
    expect((await createTicket(session.accessToken)).status).toBe(201);

    expect((await t.http.post('/api/auth/logout', { token: session.accessToken, body: { refreshToken: session.refreshToken } })).status).toBe(204);
    expectEnded(await me(session.accessToken));
    expectEnded(await createTicket(session.accessToken));
    expectEnded(await t.http.get('/api/tickets', { token: session.accessToken }));
  });

  it('keeps the other sessions of the same user alive after a single logout', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const [laptop, phone] = [await signIn(user), await signIn(user)];
    await t.http.post('/api/auth/logout', { body: { refreshToken: laptop.refreshToken } });
    expectEnded(await me(laptop.accessToken));
    expect((await me(phone.accessToken)).status).toBe(200);
    expect((await refresh(phone.refreshToken)).status).toBe(200);
  });

  it('ends every session of the caller on a logout without a refresh token', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const [laptop, phone] = [await signIn(user), await signIn(user)];
    const bystander = await signIn(await createUser(t, { roles: ['viewer'] }));
    expect((await t.http.post('/api/auth/logout', { token: laptop.accessToken, body: {} })).status).toBe(204);
    expectEnded(await me(laptop.accessToken));
    expectEnded(await me(phone.accessToken));
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await me(bystander.accessToken)).status).toBe(200);
  });

  it('keeps the session through refreshes: old and new access tokens of one session work until it ends', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const first = await signIn(user);
    const rotated = (await refresh(first.refreshToken)).body;
    expect((await me(first.accessToken)).status).toBe(200);
    expect((await me(rotated.accessToken)).status).toBe(200);
    await t.http.post('/api/auth/logout', { body: { refreshToken: rotated.refreshToken } });
    expectEnded(await me(first.accessToken));
    expectEnded(await me(rotated.accessToken));
  });

  it('ends the access tokens of a session whose refresh token was replayed', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const victim = await signIn(user);
    const rotated = (await refresh(victim.refreshToken)).body;
    const other = await signIn(user);

    const replay = await refresh(victim.refreshToken);
    expect(replay.status).toBe(401);
    expectEnded(await me(victim.accessToken));
    expectEnded(await me(rotated.accessToken));
    expectEnded(await createTicket(rotated.accessToken));
    // Only that sign-in's family: the user's other session is untouched.
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('refuses a validly signed token that names no session, or another user’s session', async () => {
    const user = await createUser(t, { roles: ['viewer'] });
    const session = await signIn(user);
    const jwt = t.app.get(JwtService);
    const { sid } = jwt.decode<{ sid: string }>(session.accessToken);
    const noSession = jwt.sign({ sub: user.id, username: user.username });
    const unknownSession = jwt.sign({ sub: user.id, username: user.username, sid: '00000000-0000-4000-8000-000000000000' });
    const someoneElses = jwt.sign({ sub: 1, username: 'admin', sid });
    expect((await me(noSession)).status).toBe(401);
    expectEnded(await me(unknownSession));
    expectEnded(await me(someoneElses));
    expect((await me(session.accessToken)).status).toBe(200);
  });
});
