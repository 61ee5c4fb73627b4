import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { createAppJobRegistry } from '@/lib/queue/app-kinds';
import { InvalidJobPayloadError } from '@/lib/queue/errors';
import { JobRegistry } from '@/lib/queue/registry';
import { DEFAULT_RETRY_POLICY } from '@/lib/queue/retry-policy';

const LESSON_ID = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

describe('JobRegistry', () => {
  const schema = z.object({ n: z.number() });

  it('fills the retry policy from the defaults', () => {
    const registry = new JobRegistry().define({
      kind: 'render',
      payloadSchema: schema,
      retry: { attempts: 2 },
    });
    expect(registry.require('render').retry).toEqual({ ...DEFAULT_RETRY_POLICY, attempts: 2 });
  });

  it.each(['Render', 'render_html', '-render', 'render-', 'a'.repeat(41)])(
    'rejects kind name %s',
    (kind) => {
      expect(() => new JobRegistry().define({ kind, payloadSchema: schema })).toThrow(
        /invalid job kind/,
      );
    },
  );

  it('rejects a kind defined twice', () => {
    const registry = new JobRegistry().define({ kind: 'render', payloadSchema: schema });
    expect(() => registry.define({ kind: 'render', payloadSchema: schema })).toThrow(
      /already defined/,
    );
  });

  it('rejects zero attempts', () => {
    expect(() =>
      new JobRegistry().define({ kind: 'render', payloadSchema: schema, retry: { attempts: 0 } }),
    ).toThrow(/invalid retry.attempts 0/);
  });

  it('sets a handler on a defined kind only', () => {
    const registry = new JobRegistry().define({ kind: 'render', payloadSchema: schema });
    registry.setHandler('render', async () => ({}));
    expect(registry.require('render').handler).toBeTypeOf('function');
    expect(() => registry.setHandler('other', async () => ({}))).toThrow(
      /unknown job kind "other"/,
    );
  });
});

describe('app job kinds', () => {
  const registry = createAppJobRegistry();

  it('declares podcast and export without handlers', () => {
    expect(registry.names()).toEqual(['podcast', 'export']);
    expect(registry.require('podcast').handler).toBeUndefined();
    expect(registry.require('export').handler).toBeUndefined();
  });

  it('accepts a podcast payload', () => {
    expect(registry.parsePayload('podcast', { lessonId: LESSON_ID, provider: 'espeak' })).toEqual({
      lessonId: LESSON_ID,
      provider: 'espeak',
    });
  });

  it('defaults an export to include audio', () => {
    expect(registry.parsePayload('export', { lessonId: LESSON_ID })).toEqual({
      lessonId: LESSON_ID,
      includeAudio: true,
    });
  });

  it.each([
    ['podcast', { lessonId: 'lesson-1' }, 'lessonId'],
    ['podcast', { lessonId: LESSON_ID, provider: 'say' }, 'provider'],
    ['export', { lessonId: LESSON_ID, includeAudio: 'yes' }, 'includeAudio'],
    ['export', { lessonId: LESSON_ID, path: '/etc/passwd' }, 'payload'],
  ])('rejects a %s payload naming %j', (kind, payload, field) => {
    expect(() => registry.parsePayload(kind, payload)).toThrow(InvalidJobPayloadError);
    try {
      registry.parsePayload(kind, payload);
    } catch (error) {
      expect((error as InvalidJobPayloadError).field).toBe(field);
    }
  });
});
