import { NextResponse } from 'next/server';
import type { z } from 'zod';

/** Largest JSON request body any API route accepts, in bytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** An API failure with its HTTP status, a stable code and a message that names the fix. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Returns the JSON error document that every API route sends. */
export function errorResponse(error: ApiError): NextResponse {
  return NextResponse.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
      },
    },
    { status: error.status },
  );
}

/**
 * Reads a JSON body of at most `maxBytes`, checking the content type first.
 * @throws ApiError 415, 413 or 400 with a message naming the problem.
 */
export async function readJsonBody(
  request: Request,
  maxBytes = MAX_JSON_BODY_BYTES,
): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `expected Content-Type: application/json, got "${contentType || 'none'}"`,
    );
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'MALFORMED_JSON', 'request body is not valid JSON');
  }
  const nulPath = findNulCharacter(body, []);
  if (nulPath) {
    // PostgreSQL text and jsonb cannot store U+0000, and no field of ours needs it.
    const field = nulPath.join('.') || 'body';
    throw new ApiError(
      400,
      'INVALID_INPUT',
      `${field} contains a NUL character (U+0000); remove it`,
      field,
    );
  }
  return body;
}

/** Returns the path of the first string (or key) holding U+0000, or null when there is none. */
function findNulCharacter(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findNulCharacter(value[index], [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = findNulCharacter(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Parses a value with a zod schema. @throws ApiError 400 naming the first invalid field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || 'body';
  const message = issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
  throw new ApiError(400, 'INVALID_INPUT', message, field);
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'BODY_TOO_LARGE', `request body is larger than ${maxBytes} bytes`);
}
