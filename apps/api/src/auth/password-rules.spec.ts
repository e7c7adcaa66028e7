import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password that is not the username', () => {
    expect(passwordProblem('correct horse battery', 'alice')).toBeNull();
  });
  it('refuses fewer than 10 characters, counted in code points', () => {
    expect(passwordProblem('short-pw1', 'alice')).toBe('must be at least 10 characters');
    expect(passwordProblem('🔒🔒🔒🔒🔒🔒🔒🔒🔒', 'alice')).toBe('must be at least 10 characters');
    expect(passwordProblem('🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒', 'alice')).toBeNull();
  });
  it('refuses the username, whatever the case', () => {
    expect(passwordProblem('Alice.Smith-01', 'alice.smith-01')).toBe('must not be the username');
  });
  it('refuses common passwords, whatever the case', () => {
    expect(passwordProblem('Password123', 'alice')).toMatch(/too common/);
    expect(passwordProblem('QWERTYUIOP', 'alice')).toMatch(/too common/);
  });
});
