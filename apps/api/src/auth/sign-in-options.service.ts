import { Injectable } from '@nestjs/common';
import type { SignInOptions } from '@bdc/contracts';
import { AppConfig } from '../config/app-config';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-data';
import { USER_ACTIVE, UsersService } from '../users/users.service';
import { verifyPassword } from './password';

/** The hint is re-checked this often: an administrator who changes a demo password sees it disappear soon. */
const CACHE_MS = 60_000;

/**
 * What the sign-in page may tell an anonymous visitor. The demo accounts are listed only where they
 * really work — never in production, and only while the demo users exist, are active and still have
 * the demo password (checked on one of them, so the answer costs one hash comparison a minute).
 */
@Injectable()
export class SignInOptionsService {
  private cached: { at: number; value: Promise<SignInOptions> } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  get(): Promise<SignInOptions> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const value = this.compute();
      this.cached = { at: now, value };
      value.catch(() => (this.cached = null));
    }
    return this.cached.value;
  }

  private async compute(): Promise<SignInOptions> {
    if (this.config.isProduction) return { demoAccounts: [] };
    const found = await Promise.all(DEMO_USERS.map((demo) => this.users.findByUsername(demo.username)));
    if (found.some((user) => !user || user.status !== USER_ACTIVE)) return { demoAccounts: [] };
    const probe = found[found.length - 1];
    if (!probe || !(await verifyPassword(DEMO_PASSWORD, probe.passwordHash))) return { demoAccounts: [] };
    return { demoAccounts: DEMO_USERS.map((u) => ({ username: u.username, role: u.role })), demoPassword: DEMO_PASSWORD };
  }
}
