import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { LearningPlan } from '@/components/LearningPlan';
import { Markdown } from '@/components/Markdown';
import { Quiz } from '@/components/Quiz';
import { getRepository } from '@/lib/db/client';
import { buildGraph, learningPlan } from '@/lib/knowledge/graph';
import { DOMAIN_NAMES } from '@/lib/knowledge/types';
import { getCatalogue } from '@/lib/server/catalogue';
import { ResourceList } from '@/components/ResourceList';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ id: string }> };

async function load(id: string) {
  const concepts = await getCatalogue(await getRepository());
  const concept = concepts.find((candidate) => candidate.id === id);
  return concept ? { concept, concepts } : undefined;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const found = await load((await params).id);
  return { title: found ? found.concept.title : 'Concept not found' };
}

export default async function ConceptPage({ params }: PageProps) {
  const found = await load((await params).id);
  if (!found) notFound();
  const { concept, concepts } = found;
  const byId = new Map(concepts.map((candidate) => [candidate.id, candidate]));
  const graph = buildGraph(concepts);
  const plan = learningPlan(graph, concept.id);
  const dependents = graph.dependents.get(concept.id) ?? [];

  const conceptLink = (id: string) => (
    <Link href={`/concepts/${id}`} className="text-blue-700 underline dark:text-blue-400">
      {byId.get(id)?.title ?? id}
    </Link>
  );

  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <p className="text-xs uppercase tracking-wide text-slate-500">
          {DOMAIN_NAMES[concept.domain]} · {concept.level} · {concept.id}
        </p>
        <h1 className="text-2xl font-bold">{concept.title}</h1>
        <p className="text-lg text-slate-700 dark:text-slate-300">{concept.summary}</p>
        <p className="flex flex-wrap gap-1">
          {concept.tags.map((tag) => (
            <span key={tag} className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">
              {tag}
            </span>
          ))}
        </p>
      </header>

      <div className="grid gap-6 md:grid-cols-3">
        <section aria-labelledby="prereqs" className="text-sm">
          <h2 id="prereqs" className="font-semibold">
            Prerequisites
          </h2>
          {concept.prereqIds.length === 0 ? (
            <p className="text-slate-500">None: a starting point.</p>
          ) : (
            <ul className="ml-5 list-disc">
              {concept.prereqIds.map((id) => (
                <li key={id}>{conceptLink(id)}</li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="plan" className="text-sm">
          <h2 id="plan" className="font-semibold">
            Learning plan
          </h2>
          <LearningPlan
            conceptId={concept.id}
            plan={plan.map((id) => ({ id, title: byId.get(id)?.title ?? id }))}
          />
        </section>
        <section aria-labelledby="dependents" className="text-sm">
          <h2 id="dependents" className="font-semibold">
            Leads to
          </h2>
          {dependents.length === 0 ? (
            <p className="text-slate-500">No concept builds on this one yet.</p>
          ) : (
            <ul className="ml-5 list-disc">
              {dependents.map((id) => (
                <li key={id}>{conceptLink(id)}</li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <Markdown source={concept.body} diagrams={concept.diagrams} />

      <section aria-labelledby="resources">
        <h2 id="resources" className="text-lg font-semibold">
          Resources
        </h2>
        <ResourceList resources={concept.resources} className="ml-5 mt-2 list-disc text-sm" />
      </section>

      <Quiz conceptId={concept.id} questions={concept.quiz} />
    </article>
  );
}
