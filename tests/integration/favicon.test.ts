import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../helpers/cli';
import { startApp, type RunningApp } from '../helpers/server';

/** First eight bytes of every PNG file. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads an ICO directory: the width, height and image bytes of each entry. */
function readIcoEntries(file: Buffer): { width: number; height: number; image: Buffer }[] {
  expect(file.readUInt16LE(0), 'reserved field').toBe(0);
  expect(file.readUInt16LE(2), 'image type 1 (icon)').toBe(1);
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + 16 * index;
    const size = file.readUInt32LE(entry + 8);
    const offset = file.readUInt32LE(entry + 12);
    return {
      // A stored 0 means 256 pixels.
      width: file.readUInt8(entry) || 256,
      height: file.readUInt8(entry + 1) || 256,
      image: file.subarray(offset, offset + size),
    };
  });
}

describe('favicon', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves /favicon.ico with 200', async () => {
    const response = await fetch(`${app.baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.equals(readFileSync(join(PROJECT_ROOT, 'public', 'favicon.ico')))).toBe(true);
  });

  it('holds 16, 32 and 48 pixel PNG images', async () => {
    const file = Buffer.from(await (await fetch(`${app.baseUrl}/favicon.ico`)).arrayBuffer());
    const entries = readIcoEntries(file);
    expect(entries.map(({ width, height }) => [width, height])).toEqual([
      [16, 16],
      [32, 32],
      [48, 48],
    ]);
    for (const { width, height, image } of entries) {
      expect(image.subarray(0, 8).equals(PNG_SIGNATURE), `${width} px PNG signature`).toBe(true);
      // The PNG's own IHDR size must match the directory's.
      expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([width, height]);
    }
  });
});
