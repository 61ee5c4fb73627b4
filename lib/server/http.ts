import { NextResponse } from 'next/server';
import type { z } from 'zod';

import { classifyDatabaseError, type DatabaseFailure } from '../db/errors';
import { getLogger } from '../logger';
import { findJsonBodyProblem, MAX_JSON_DEPTH, type JsonBodyProblem } from './json-checks';

/** Largest JSON request body any API route accepts, in bytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** An API failure with its HTTP status, a stable code and a message that names the fix. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds a client should wait before trying again, sent as `Retry-After`. */
    readonly retryAfterS?: number,
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
    {
      status: error.status,
      ...(error.retryAfterS === undefined
        ? {}
        : { headers: { 'retry-after': String(error.retryAfterS) } }),
    },
  );
}

/** Seconds a client should wait after the database was busy or unreachable. */
const DATABASE_RETRY_AFTER_S = 5;

/**
 * Returns the API error for a database failure that the request did not cause (read-only, full,
 * busy or unreachable), or undefined for any other error. `outcome` describes what happened to the
 * request, such as "the lesson was not stored", and starts the message. The message names the
 * cause and the fix but never the SQL or the driver's text, which stay in the server log.
 */
export function databaseApiError(error: unknown, outcome: string): ApiError | undefined {
  const failure = classifyDatabaseError(error);
  return failure && apiErrorForFailure(failure, outcome);
}

function apiErrorForFailure(failure: DatabaseFailure, outcome: string): ApiError {
  switch (failure) {
    case 'read-only':
      return new ApiError(
        503,
        'DATABASE_READ_ONLY',
        `${outcome}: the database is read-only. Give the app write access to it (for SQLite, ` +
          'to the database file and its folder; for PostgreSQL, a primary server, not a ' +
          'read-only standby), then try again',
      );
    case 'full':
      return new ApiError(
        507,
        'DATABASE_FULL',
        `${outcome}: the database is full because its disk has no space left. Free space on ` +
          'the disk that holds the database, then try again',
      );
    case 'busy':
      return new ApiError(
        503,
        'DATABASE_BUSY',
        `${outcome}: the database is busy with other writes. Try again in ` +
          `${DATABASE_RETRY_AFTER_S} seconds`,
        undefined,
        DATABASE_RETRY_AFTER_S,
      );
    case 'unavailable':
      return new ApiError(
        503,
        'DATABASE_UNAVAILABLE',
        `${outcome}: the database cannot be opened or reached. Check that DATABASE_URL ` +
          'points to it, that the server is running (for PostgreSQL) or that the app may read ' +
          'the file and its folder (for SQLite), then try again',
        undefined,
        DATABASE_RETRY_AFTER_S,
      );
  }
}

/** Description of a failed request, which a route handler passes to `failureResponse`. */
export interface RouteFailure {
  /**
   * Outcome of the request, such as "the lesson was not stored". It starts the message of a
   * database error and is the message of any other internal error unless `internalMessage` is set.
   */
  outcome: string;
  /** Message of the 500 for an error that is neither an ApiError nor a database failure. */
  internalMessage?: string;
  /** Fixed log message, such as "lesson generation failed". */
  logMessage: string;
  /** Ids logged with the error, such as `{ lessonId }`. */
  logFields?: Record<string, unknown>;
}

/**
 * Returns the response for an error a route handler caught: an ApiError as it is, a database
 * failure as `databaseApiError` maps it, and anything else as a 500 INTERNAL. Logs every error
 * that is not an ApiError with `failure.logFields` and the mapped code.
 */
export function failureResponse(error: unknown, failure: RouteFailure): NextResponse {
  if (error instanceof ApiError) return errorResponse(error);
  const databaseError = databaseApiError(error, failure.outcome);
  getLogger().error(
    { ...failure.logFields, err: error, code: databaseError?.code },
    failure.logMessage,
  );
  return errorResponse(
    databaseError ?? new ApiError(500, 'INTERNAL', failure.internalMessage ?? failure.outcome),
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
  const problem = findJsonBodyProblem(body);
  if (problem) throw bodyProblemError(problem);
  return body;
}

function bodyProblemError(problem: JsonBodyProblem): ApiError {
  const field = problem.path.join('.') || 'body';
  switch (problem.kind) {
    case 'too-deep':
      return new ApiError(
        400,
        'INVALID_INPUT',
        `request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels; no request needs more`,
        'body',
      );
    case 'nul':
      return new ApiError(
        400,
        'INVALID_INPUT',
        `${field} contains a NUL character (U+0000); remove it`,
        field,
      );
    case 'lone-surrogate':
      return new ApiError(
        400,
        'INVALID_INPUT',
        `${field} contains a lone surrogate (${problem.codePoint}), which is not Unicode text; send well-formed UTF-8`,
        field,
      );
  }
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
