import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { OperationsSettings } from '../config/app-config';

/**
 * Who may read /metrics: a caller presenting METRICS_TOKEN as a Bearer token, or one whose address
 * (request.ip, which follows TRUST_PROXY) is in METRICS_ALLOW. Either suffices: Prometheus on the
 * same host or network needs no secret, one elsewhere sends the token.
 */
export class MetricsAccess {
  private readonly allowed = new BlockList();
  private readonly token: Buffer | null;

  constructor(settings: Pick<OperationsSettings, 'metricsToken' | 'metricsAllow'>) {
    this.token = settings.metricsToken === null ? null : Buffer.from(settings.metricsToken);
    for (const entry of settings.metricsAllow) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.allowed.addAddress(address, family);
      else this.allowed.addSubnet(address, Number(bits), family);
    }
  }

  permits(ip: string | undefined, authorization: string | undefined): boolean {
    if (this.token !== null && authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (match?.[1] !== undefined) {
        const presented = Buffer.from(match[1]);
        if (presented.length === this.token.length && timingSafeEqual(presented, this.token)) return true;
      }
    }
    if (ip === undefined) return false;
    const address = unmapped(ip);
    const family = isIP(address);
    if (family === 0) return false;
    return this.allowed.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function unmapped(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped?.[1] ?? ip;
}
