'use client';

import { memo } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

export interface WhatIfMarkdownRendererProps {
  source: string;
}

const REMARK_PLUGINS = [remarkGfm];

/**
 * Renders recomputed "in your problem" Markdown in the browser (GFM for its tables). Raw HTML is
 * shown as text, as on the server. Loaded on demand, so it adds nothing to the first load, and
 * memoised, so a keystroke re-parses only the sections whose text changed.
 */
function WhatIfMarkdownRenderer({ source }: WhatIfMarkdownRendererProps) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS}>{source}</ReactMarkdown>
    </div>
  );
}

export default memo(WhatIfMarkdownRenderer);
