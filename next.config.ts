import type { NextConfig } from 'next';

import { contentSecurityPolicy } from './lib/server/content-security-policy';

/**
 * Policy for every response. proxy.ts replaces it on pages rendered per request with one that
 * carries a fresh script nonce. The key is lowercase so that the proxy's header overrides this
 * one instead of being sent beside it.
 */
const defaultPolicy = contentSecurityPolicy({
  development: process.env.NODE_ENV === 'development',
});

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino', 'bullmq', 'ioredis'],
  outputFileTracingIncludes: {
    '/**': ['./content/**/*', './lib/db/migrations/**/*'],
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'content-security-policy', value: defaultPolicy },
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
          { key: 'x-frame-options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
