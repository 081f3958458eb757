import { afterEach, describe, expect, it, vi } from 'vitest';
import { findProgram, hasProgram } from './helpers/programs.js';

const MISSING = 'spell-no-such-program-9f3a';

describe('suites that need an outside program', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('find a program on PATH or by its absolute path', () => {
    expect(findProgram('node')).toMatch(/node$/);
    expect(findProgram(process.execPath)).toBe(process.execPath);
    expect(findProgram(MISSING)).toBeUndefined();
    expect(findProgram(`/nonexistent/${MISSING}`)).toBeUndefined();
  });

  it('skip with one line naming what to install when it is missing', () => {
    vi.stubEnv('SPELL_REQUIRE_ALL', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(hasProgram(MISSING, 'apt-get install it')).toBe(false);
    expect(warn.mock.calls).toEqual([[`skipped: ${MISSING} was not found (not on PATH); install it with: apt-get install it`]]);
    expect(hasProgram('node', 'unused')).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('fail instead of skipping when SPELL_REQUIRE_ALL=1, as in CI', () => {
    vi.stubEnv('SPELL_REQUIRE_ALL', '1');
    expect(() => hasProgram(MISSING, 'apt-get install it')).toThrow(/SPELL_REQUIRE_ALL=1 turns this skip into a failure/);
    expect(hasProgram('node', 'unused')).toBe(true);
  });
});
