/**
 * Content-Security-Policy of the web app. Pages rendered per request get a policy with a fresh
 * script nonce (set by proxy.ts), so only the scripts Next.js renders with that nonce run.
 * Prerendered pages were built without a request, so their inline scripts carry no nonce. They
 * and every other response get the policy without a nonce, which allows inline scripts.
 */

/** Options of `contentSecurityPolicy`. */
export interface PolicyOptions {
  /** Base64 nonce that every script must carry; without one, inline scripts are allowed. */
  nonce?: string;
  /** Adds 'unsafe-eval', which React needs in development to rebuild server error stacks. */
  development?: boolean;
}

/**
 * Returns the policy header value. With a nonce, `'strict-dynamic'` lets a nonced script load
 * the chunks it imports, and 'self' is kept only for browsers without CSP level 3. Styles keep
 * 'unsafe-inline' because React, Recharts and the flip cards set style attributes, and a nonce
 * in style-src would turn that allowance off.
 */
export function contentSecurityPolicy({ nonce, development = false }: PolicyOptions = {}): string {
  const scriptSources = nonce
    ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]
    : ["'self'", "'unsafe-inline'"];
  if (development) scriptSources.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Returns a nonce of 128 random bits in base64, fresh for each page request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
