import { describe, expect, it } from 'vitest';

import { ConfigError } from '@/lib/config';
import { describeRedisUrl } from '@/lib/queue/redis-connection';
import { DEFAULT_QUEUE_PREFIX, readQueueSettings } from '@/lib/queue/settings';

describe('readQueueSettings', () => {
  it('applies defaults to an empty environment', () => {
    expect(readQueueSettings({})).toEqual({ prefix: DEFAULT_QUEUE_PREFIX, workerConcurrency: 1 });
  });

  it('reads QUEUE_PREFIX and WORKER_CONCURRENCY', () => {
    expect(readQueueSettings({ QUEUE_PREFIX: 'staging', WORKER_CONCURRENCY: '4' })).toEqual({
      prefix: 'staging',
      workerConcurrency: 4,
    });
  });

  it.each([
    ['QUEUE_PREFIX', 'a:b', /^invalid QUEUE_PREFIX: expected 1 to 64 letters/],
    [
      'WORKER_CONCURRENCY',
      '0',
      /^invalid WORKER_CONCURRENCY: expected a whole number from 1 to 64, got "0"/,
    ],
    ['WORKER_CONCURRENCY', 'two', /^invalid WORKER_CONCURRENCY: .*got "two"/],
  ])('rejects %s=%s', (variable, value, message) => {
    expect(() => readQueueSettings({ [variable]: value })).toThrow(ConfigError);
    expect(() => readQueueSettings({ [variable]: value })).toThrow(message);
  });
});

describe('describeRedisUrl', () => {
  it('leaves out credentials', () => {
    expect(describeRedisUrl('redis://user:secret@cache.internal:6380/2')).toBe(
      'cache.internal:6380/2',
    );
    expect(describeRedisUrl('redis://127.0.0.1')).toBe('127.0.0.1:6379');
  });
});
