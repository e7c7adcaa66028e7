import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/**
 * The configuration of a command-line tool, from the environment. The CLI signs no tokens: it must
 * not need (or generate and persist) a JWT secret, so a throwaway one stands in when none is set.
 */
export function cliConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return AppConfig.fromEnv(env, { jwtSecret: env.JWT_SECRET || randomBytes(32).toString('hex') });
}
