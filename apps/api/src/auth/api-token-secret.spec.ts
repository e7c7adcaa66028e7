import { describe, expect, it } from 'vitest';
import { apiTokenDisplayPrefix, formatApiToken, hashApiTokenSecret, looksLikeApiToken, newApiTokenSecret, parseApiToken, secretMatches, UNUSED_SECRET_HASH } from './api-token-secret';

describe('API token format', () => {
  it('round-trips id and secret, including secrets with _ and -', () => {
    for (let i = 0; i < 50; i++) {
      const secret = newApiTokenSecret();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(parseApiToken(formatApiToken(12, secret))).toEqual({ id: 12, secret });
    }
    const tricky = `_-${'a'.repeat(39)}_-`;
    expect(parseApiToken(`bdcpat_7_${tricky}`)).toEqual({ id: 7, secret: tricky });
  });

  it('refuses anything else', () => {
    const secret = newApiTokenSecret();
    for (const bad of ['', 'bdcpat_', `bdcpat_0_${secret}`, `bdcpat_01_${secret}`, `bdcpat_-1_${secret}`, `bdcpat_1_${secret}x`, `bdcpat_1_${secret.slice(1)}`, `bdcpat_1_${secret.slice(0, 42)}=`, `BDCPAT_1_${secret}`, `bdcpat_99999999999_${secret}`, `bdcpat_2147483648_${secret}`, `bdcpat_1_${secret}\n`]) {
      expect(parseApiToken(bad), bad).toBeNull();
    }
    expect(parseApiToken(`bdcpat_2147483647_${secret}`)).toEqual({ id: 2147483647, secret });
  });

  it('picks the strategy by the prefix only', () => {
    expect(looksLikeApiToken('bdcpat_garbage')).toBe(true);
    expect(looksLikeApiToken('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });

  it('shows four characters of the secret in the display prefix', () => {
    expect(apiTokenDisplayPrefix(3, 'abcdefgh')).toBe('bdcpat_3_abcd');
  });

  it('matches the secret against its hash, and nothing else', () => {
    const secret = newApiTokenSecret();
    const hash = hashApiTokenSecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(secret);
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(newApiTokenSecret(), hash)).toBe(false);
    expect(secretMatches(secret, UNUSED_SECRET_HASH)).toBe(false);
    expect(secretMatches(secret, 'not hex')).toBe(false);
  });
});
