import type { Resource } from '@/lib/knowledge/types';

export interface ResourceListProps {
  resources: Resource[];
  className?: string;
}

/** List of a concept's resources, each a link with its type (paper, doc, blog, video, code). */
export function ResourceList({ resources, className = 'ml-5 list-disc' }: ResourceListProps) {
  return (
    <ul className={className}>
      {resources.map((resource) => (
        <li key={resource.url}>
          <a
            href={resource.url}
            rel="noopener noreferrer"
            className="text-blue-700 underline dark:text-blue-400"
          >
            {resource.title}
          </a>{' '}
          <span className="text-slate-500">({resource.type})</span>
        </li>
      ))}
    </ul>
  );
}
