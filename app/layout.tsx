import type { Metadata } from 'next';
import Link from 'next/link';

import { OfflineToggle } from '@/components/OfflineToggle';

import './globals.css';

export const metadata: Metadata = {
  title: 'AI Infrastructure Learning System',
  description:
    'Learn large-model training infrastructure through your own problem: the numbers worked out, the concepts that matter, and reviews that bring weak ones back.',
  manifest: '/manifest.webmanifest',
};

/** Links in the site header, left to right. */
const NAV_LINKS: readonly { href: string; label: string }[] = [
  { href: '/lessons/new', label: 'New lesson' },
  { href: '/lessons', label: 'Lessons' },
  { href: '/concepts', label: 'Concepts' },
  { href: '/graph', label: 'Graph' },
  { href: '/review', label: 'Review' },
  { href: '/progress', label: 'Progress' },
];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-amber-200 focus:px-3 focus:py-1 focus:text-slate-900"
        >
          Skip to content
        </a>
        {/* The header wraps instead of scrolling sideways: on a narrow screen the links take
            their own rows below the name, and the offline switch goes last. */}
        <header className="border-b border-slate-200 dark:border-slate-800">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 text-sm">
            <Link href="/" className="font-semibold">
              AI Infra Learning
            </Link>
            <nav aria-label="Main" className="w-full sm:w-auto">
              <ul className="flex flex-wrap gap-x-4 gap-y-1 sm:gap-x-6">
                {NAV_LINKS.map(({ href, label }) => (
                  <li key={href}>
                    <Link href={href} className="hover:underline">
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="ml-auto">
              <OfflineToggle />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
