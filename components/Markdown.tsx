import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

import { keepDiagramReadable, sanitizeSvg } from '@/lib/knowledge/svg';

export interface MarkdownProps {
  /** Markdown (GFM). Raw HTML in it is shown as text, never rendered. */
  source: string;
  /** Pre-rendered SVG for each `mermaid` fence, in order of appearance. */
  diagrams?: string[];
  className?: string;
}

/**
 * Renders authored Markdown on the server: code highlighted, tables, and each `mermaid` fence
 * replaced by its pre-rendered SVG, so the page needs no Markdown or Mermaid code in the browser.
 */
export function Markdown({ source, diagrams = [], className }: MarkdownProps) {
  const components: Components = {
    pre({ children, node: _node, ...rest }) {
      const child = Array.isArray(children) ? children[0] : children;
      const childClass = (child as { props?: { className?: string } })?.props?.className ?? '';
      const diagramNumber = /language-mermaid-(\d+)/.exec(childClass)?.[1];
      if (diagramNumber) {
        const svg = diagrams[Number(diagramNumber) - 1];
        if (svg) {
          return (
            <figure
              className="my-4 overflow-x-auto rounded-lg bg-white p-3"
              role="img"
              aria-label="Diagram"
              dangerouslySetInnerHTML={{ __html: keepDiagramReadable(sanitizeSvg(svg)) }}
            />
          );
        }
      }
      return <pre {...rest}>{children}</pre>;
    },
    a({ href, children, node: _node, ...rest }) {
      const safe = href && /^(https?:|mailto:|#|\/)/.test(href) ? href : undefined;
      return (
        <a href={safe} rel="noopener noreferrer" {...rest}>
          {children}
        </a>
      );
    },
  };

  return (
    <div className={`markdown ${className ?? ''}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeHighlight, { detect: false, ignoreMissing: true }]]}
        components={components}
      >
        {numberMermaidFences(source)}
      </ReactMarkdown>
    </div>
  );
}

/**
 * Renames the n-th `mermaid` fence to `mermaid-n`, so the renderer can find its pre-rendered SVG
 * without counting fences as it goes.
 */
function numberMermaidFences(source: string): string {
  let count = 0;
  return source.replace(/^```mermaid[ \t]*$/gm, () => {
    count += 1;
    return `\`\`\`mermaid-${count}`;
  });
}
