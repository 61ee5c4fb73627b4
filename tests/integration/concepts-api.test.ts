import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadCatalogueFiles } from '@/lib/knowledge/files';
import { ancestors, buildGraph, learningPlan, prerequisitePath } from '@/lib/knowledge/graph';
import type { Concept } from '@/lib/knowledge/types';
import { masterConcepts } from '../helpers/mastery';
import { startApp, type RunningApp } from '../helpers/server';

interface ConceptReference {
  id: string;
  title: string;
  level: string;
  domain: string;
}

interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

// The app seeds its database from the same content files.
const catalogue = loadCatalogueFiles();
const graph = buildGraph(catalogue);

/** The shipped concept with the longest prerequisite path among those that have dependents. */
const deepConcept = catalogue
  .filter((concept) => (graph.dependents.get(concept.id) ?? []).length > 0)
  .sort((a, b) => ancestors(graph, b.id).length - ancestors(graph, a.id).length)[0];

describe('concepts API', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const getJson = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };
  const listIds = async (query: string): Promise<string[]> => {
    const { status, body } = await getJson<{ concepts: Concept[] }>(`/api/concepts${query}`);
    expect(status, `GET /api/concepts${query}`).toBe(200);
    return body.concepts.map((concept) => concept.id);
  };
  const idsWhere = (keep: (concept: Concept) => boolean) =>
    catalogue.filter(keep).map((concept) => concept.id);

  describe('GET /api/concepts', () => {
    it('lists every concept without body or quiz', async () => {
      const { status, body } = await getJson<{ concepts: Record<string, unknown>[] }>(
        '/api/concepts',
      );
      expect(status).toBe(200);
      expect(body.concepts.map((concept) => concept.id)).toEqual(idsWhere(() => true));
      for (const concept of body.concepts) {
        expect(Object.keys(concept).sort()).toEqual(
          ['domain', 'id', 'level', 'prereqIds', 'resources', 'summary', 'tags', 'title'].sort(),
        );
      }
    });

    it('filters by one domain', async () => {
      const expected = idsWhere((concept) => concept.domain === 'networking');
      expect(expected.length).toBeGreaterThan(0);
      expect(await listIds('?domain=networking')).toEqual(expected);
    });

    it.each([
      ['repeated', '?domain=storage&domain=cost'],
      ['comma-separated', '?domain=storage,cost'],
    ])('filters by several domains %s', async (_label, query) => {
      const expected = idsWhere((concept) => ['storage', 'cost'].includes(concept.domain));
      expect(await listIds(query)).toEqual(expected);
    });

    it('filters by level', async () => {
      expect(await listIds('?level=advanced')).toEqual(
        idsWhere((concept) => concept.level === 'advanced'),
      );
    });

    it('combines domain and level', async () => {
      const expected = idsWhere(
        (concept) => concept.domain === 'training' && concept.level !== 'beginner',
      );
      expect(await listIds('?domain=training&level=intermediate,advanced')).toEqual(expected);
    });

    it('finds ZeRO by title first', async () => {
      const found = await listIds('?q=ZeRO');
      const zero = catalogue.find((concept) => /^zero\b/i.test(concept.title));
      expect(zero, 'a concept titled ZeRO …').toBeDefined();
      expect(found[0]).toBe(zero!.id);
      for (const id of found) {
        const concept = catalogue.find((candidate) => candidate.id === id)!;
        const text = [concept.id, concept.title, ...concept.tags].join(' ').toLowerCase();
        expect(text.replace(/[-_]/g, ' ')).toContain('zero');
      }
    });

    it('finds concepts by tag', async () => {
      const tagged = idsWhere((concept) => concept.tags.includes('nccl'));
      expect(tagged.length).toBeGreaterThan(0);
      const found = await listIds('?q=nccl');
      for (const id of tagged) expect(found).toContain(id);
    });

    it('applies q within the filters', async () => {
      const found = await listIds('?q=parallel&level=advanced');
      expect(found.length).toBeGreaterThan(0);
      for (const id of found) {
        expect(catalogue.find((concept) => concept.id === id)?.level).toBe('advanced');
      }
    });

    it('returns an empty list when nothing matches', async () => {
      expect(await listIds('?q=no-such-concept-anywhere')).toEqual([]);
    });

    it('treats empty values as no filter', async () => {
      expect(await listIds('?domain=&level=&q=')).toHaveLength(catalogue.length);
    });

    it.each([
      ['an unknown domain', '?domain=quantum', 'domain', /expected one of training, compute/],
      ['one bad domain among good ones', '?domain=data,Data', 'domain', /got "Data"/],
      ['an unknown level', '?level=expert', 'level', /expected one of beginner/],
      ['two q values', '?q=a&q=b', 'q', /at most one/],
      ['a q over 200 characters', `?q=${'x'.repeat(201)}`, 'q', /200 characters/],
      ['an unknown parameter', '?levle=advanced', 'levle', /unknown query parameter "levle"/],
    ])('rejects %s with 400 naming the parameter', async (_label, query, field, message) => {
      const { status, body } = await getJson<ApiErrorBody>(`/api/concepts${query}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('INVALID_INPUT');
      expect(body.error.field).toBe(field);
      expect(body.error.message).toContain(field);
      expect(body.error.message).toMatch(message);
    });
  });

  describe('GET /api/concepts/[id]', () => {
    it('returns the full concept', async () => {
      const expected = catalogue[0];
      const { status, body } = await getJson<Concept>(`/api/concepts/${expected.id}`);
      expect(status).toBe(200);
      expect(body).toEqual(expected);
      expect(body.body.length).toBeGreaterThan(0);
      expect(body.quiz.length).toBeGreaterThan(0);
    });

    it.each(['c999', 'c9999', 'C001', 'c01', 'abc', '..%2F..%2Fetc%2Fpasswd', 'c001%00'])(
      'answers 404 for %s',
      async (id) => {
        const response = await fetch(`${app.baseUrl}/api/concepts/${id}`);
        expect(response.status).toBe(404);
        const body = (await response.json()) as ApiErrorBody;
        expect(body.error.code).toBe('NOT_FOUND');
        expect(body.error.message).toMatch(/^no concept with id/);
      },
    );
  });

  describe('GET /api/concepts/[id]/path', () => {
    it('returns ancestors in plan order, edges and dependents', async () => {
      const { status, body } = await getJson<{
        concept: ConceptReference;
        ancestors: ConceptReference[];
        edges: { source: string; target: string }[];
        dependents: ConceptReference[];
      }>(`/api/concepts/${deepConcept.id}/path`);
      expect(status).toBe(200);

      const path = prerequisitePath(graph, deepConcept.id);
      expect(body.concept).toEqual({
        id: deepConcept.id,
        title: deepConcept.title,
        level: deepConcept.level,
        domain: deepConcept.domain,
      });
      expect(body.ancestors.map((concept) => concept.id)).toEqual(
        learningPlan(graph, deepConcept.id),
      );
      expect(body.edges).toEqual(path.edges);
      expect(body.dependents.map((concept) => concept.id)).toEqual(
        graph.dependents.get(deepConcept.id),
      );

      // Every ancestor comes after all of its own prerequisites.
      const position = new Map(body.ancestors.map((concept, index) => [concept.id, index]));
      for (const edge of body.edges) {
        if (edge.target === deepConcept.id) continue;
        expect(position.get(edge.source)!, `${edge.source} before ${edge.target}`).toBeLessThan(
          position.get(edge.target)!,
        );
      }
    });

    it('plans every ancestor when no learner key is sent', async () => {
      const { body } = await getJson<{ plan: ConceptReference[]; masteredIds: string[] }>(
        `/api/concepts/${deepConcept.id}/path`,
      );
      expect(body.plan.map((concept) => concept.id)).toEqual(learningPlan(graph, deepConcept.id));
      expect(body.masteredIds).toEqual([]);
    });

    it("leaves the learner's mastered ancestors out of the plan", async () => {
      const learnerKey = randomUUID();
      const order = learningPlan(graph, deepConcept.id);
      // The first ancestor starts the plan; mastering it must not reorder the rest.
      const masteredIds = [order[0], order[2]];
      await masterConcepts(app.baseUrl, learnerKey, [...masteredIds, deepConcept.id]);

      const response = await fetch(`${app.baseUrl}/api/concepts/${deepConcept.id}/path`, {
        headers: { 'x-learner-key': learnerKey },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        ancestors: ConceptReference[];
        plan: ConceptReference[];
        masteredIds: string[];
      };
      expect(body.ancestors.map((concept) => concept.id)).toEqual(order);
      expect(body.masteredIds).toEqual(masteredIds);
      expect(body.plan.map((concept) => concept.id)).toEqual(
        learningPlan(graph, deepConcept.id, new Set(masteredIds)),
      );
      expect(body.plan.map((concept) => concept.id)).toEqual(
        order.filter((id) => !masteredIds.includes(id)),
      );
    });

    it('rejects a learner key that is not a UUID', async () => {
      const response = await fetch(`${app.baseUrl}/api/concepts/${deepConcept.id}/path`, {
        headers: { 'x-learner-key': 'me' },
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ApiErrorBody;
      expect(body.error.field).toBe('x-learner-key');
      expect(body.error.message).toMatch(/must be a UUID.*got "me"/);
    });

    it('returns an empty path for a starting concept', async () => {
      const start = catalogue.find((concept) => concept.prereqIds.length === 0)!;
      const { status, body } = await getJson<{ ancestors: unknown[]; edges: unknown[] }>(
        `/api/concepts/${start.id}/path`,
      );
      expect(status).toBe(200);
      expect(body.ancestors).toEqual([]);
      expect(body.edges).toEqual([]);
    });

    it.each(['c999', 'zero', 'c001x'])('answers 404 for %s', async (id) => {
      const { status, body } = await getJson<ApiErrorBody>(`/api/concepts/${id}/path`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('NOT_FOUND');
    });
  });
});
