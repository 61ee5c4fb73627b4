/**
 * Responses to the HTTP methods an API route does not implement. Next.js 16 returns an empty 405
 * with no `Allow` header for such a method, and its automatic OPTIONS lists every exported
 * method, so each route exports these handlers in place of the ones it lacks.
 *
 * NOTE: methods outside ROUTE_METHODS never reach a route. Next.js 16.5 responds to an unknown one
 * such as PROPFIND with an empty 400, and TRACE with a plain-text 500, because the Fetch API's
 * Request rejects TRACE. A reverse proxy in front of the app can turn those away first.
 */

import { ApiError, errorResponse } from './http';

/** Methods that Next.js dispatches to a route handler module's exports. */
export const ROUTE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Methods a route implements itself. OPTIONS always comes from `methodHandlers`. */
export type ImplementedMethod = Exclude<RouteMethod, 'OPTIONS'>;

type Handler = (request: Request) => Response;

/** Methods a route serves without implementing them: Next.js runs GET for HEAD. */
type ImpliedMethod<Implemented extends ImplementedMethod> =
  'OPTIONS' | ('GET' extends Implemented ? 'HEAD' : never);

/** Handlers for OPTIONS and for every method the route neither implements nor implies. */
export type MethodHandlers<Implemented extends ImplementedMethod> = Record<
  Exclude<RouteMethod, Implemented | ImpliedMethod<Implemented>> | 'OPTIONS',
  Handler
>;

/**
 * Returns the handlers a route exports beside its own: OPTIONS returns 204 with `Allow`, and
 * each other method it lacks returns 405 with `Allow` and a JSON error naming the method.
 * `Allow` lists `implemented`, HEAD when GET is implemented, and OPTIONS, sorted.
 *
 * @example
 * export const { OPTIONS, POST, PUT, PATCH, DELETE } = methodHandlers(['GET']);
 */
export function methodHandlers<const Implemented extends ImplementedMethod>(
  implemented: readonly Implemented[],
): MethodHandlers<Implemented> {
  const allowed = new Set<RouteMethod>([...implemented, 'OPTIONS']);
  if (allowed.has('GET')) allowed.add('HEAD');
  const allow = ROUTE_METHODS.filter((method) => allowed.has(method)).sort();
  const allowHeader = allow.join(', ');

  const handlers: Partial<Record<RouteMethod, Handler>> = {
    OPTIONS: () => new Response(null, { status: 204, headers: { allow: allowHeader } }),
  };
  for (const method of ROUTE_METHODS) {
    if (allowed.has(method)) continue;
    handlers[method] = (request) => methodNotAllowed(request, allow, allowHeader);
  }
  return handlers as MethodHandlers<Implemented>;
}

/** Maximum length of the request path quoted in a 405 message, in characters. */
const QUOTED_PATH_MAX_CHARS = 120;

function methodNotAllowed(
  request: Request,
  allow: readonly RouteMethod[],
  allowHeader: string,
): Response {
  const path = new URL(request.url).pathname.slice(0, QUOTED_PATH_MAX_CHARS);
  const response = errorResponse(
    new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `method ${request.method} is not allowed on ${path}: use ${allow.join(', ')}`,
    ),
  );
  response.headers.set('allow', allowHeader);
  return response;
}
