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
        <header className="border-b border-slate-200 dark:border-slate-800">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3 text-sm"
          >
            <Link href="/" className="font-semibold">
              AI Infra Learning
            </Link>
            <Link href="/lessons/new" className="hover:underline">
              New lesson
            </Link>
            <Link href="/lessons" className="hover:underline">
              Lessons
            </Link>
            <Link href="/concepts" className="hover:underline">
              Concepts
            </Link>
            <Link href="/graph" className="hover:underline">
              Graph
            </Link>
            <Link href="/review" className="hover:underline">
              Review
            </Link>
            <Link href="/progress" className="hover:underline">
              Progress
            </Link>
            <div className="ml-auto">
              <OfflineToggle />
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
