import { describe, expect, it } from 'vitest';

import { ConfigError, isLearningEnabled, parseConfig } from '@/lib/config';

describe('parseConfig', () => {
  it('applies defaults to an empty environment', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('');
    expect(config.PORT).toBe(3000);
    expect(config.WORKER_MODE).toBe('inline');
    expect(config.MVP_LLM_INFRA_LEARNING).toBe(true);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it.each([
    ['file:/tmp/x.db'],
    ['file:data/app.db'],
    ['postgres://postgres@127.0.0.1:5432/test'],
    ['postgresql://user:secret@db.internal/app'],
  ])('accepts DATABASE_URL %s', (url) => {
    expect(parseConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each([['mysql://root@localhost/x'], ['/tmp/x.db'], ['file:'], ['postgres://']])(
    'rejects DATABASE_URL %s',
    (url) => {
      expect(() => parseConfig({ DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => parseConfig({ DATABASE_URL: url })).toThrow(/^invalid DATABASE_URL: /);
    },
  );

  it.each([['0'], ['70000'], ['abc'], ['3000.5'], ['-1']])('rejects PORT %s', (port) => {
    expect(() => parseConfig({ PORT: port })).toThrow(
      `invalid PORT: expected a whole number from 1 to 65535, got "${port}"`,
    );
  });

  it('parses PORT as a number', () => {
    expect(parseConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('rejects an unknown WORKER_MODE', () => {
    expect(() => parseConfig({ WORKER_MODE: 'sometimes' })).toThrow(
      'invalid WORKER_MODE: expected inline or external, got "sometimes"',
    );
  });

  it('rejects a REDIS_URL with another scheme', () => {
    expect(() => parseConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/invalid REDIS_URL/);
  });

  it('treats blank values as unset', () => {
    expect(parseConfig({ PORT: '  ', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});

describe('isLearningEnabled', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['true', true],
    ['1', true],
    ['TRUE', true],
    ['false', false],
    ['0', false],
    ['False', false],
  ])('MVP_LLM_INFRA_LEARNING=%s gives %s', (value, expected) => {
    expect(isLearningEnabled({ MVP_LLM_INFRA_LEARNING: value })).toBe(expected);
  });
});
