'use client';

import {
  createContext,
  useCallback,
  useContext,
  useDeferredValue,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

import type { Analysis } from '@/lib/analysis/types';
import { buildCharts } from '@/lib/whatif/charts';
import type { Chart } from '@/lib/whatif/chart-geometry';
import { compare, type EstimateComparison } from '@/lib/whatif/compare';
import { FIELD_SPECS, type ScenarioFieldId } from '@/lib/whatif/fields';
import {
  rebuildLessonText,
  type LessonText,
  type LessonTextSource,
} from '@/lib/whatif/lesson-text';
import type { WordContext } from '@/lib/whatif/rewrite';
import {
  isEdited,
  recompute,
  resetScenario,
  scenarioFromAnalysis,
  setField,
  withEdits,
  type Scenario,
  type ScenarioEdits,
} from '@/lib/whatif/scenario';
import {
  lessonChange,
  rebuildReasons,
  type LessonChange,
  type SelectionModel,
} from '@/lib/whatif/selection';
import { scenarioWarnings, type ScenarioWarning } from '@/lib/whatif/warnings';

/** Everything the lesson page's what-if consumers read. */
export interface WhatIfState {
  original: Analysis;
  scenario: Scenario;
  /** The analysis of the scenario: the original one until a field is edited. */
  analysis: Analysis;
  edited: boolean;
  comparisons: EstimateComparison[];
  warnings: ScenarioWarning[];
  /**
   * The text that quotes estimates: the stored lesson's until a field is edited. It, the charts
   * and the concept change follow the figures in a deferred render, so typing stays fast.
   */
  text: LessonText;
  /** Whether `text` was rebuilt for an edited scenario. */
  textEdited: boolean;
  /** Each card's "why it matters here" for the edited scenario, by concept id; empty unedited. */
  reasons: Record<string, string>;
  charts: Chart[];
  change: LessonChange;
  /** Text typed into each field the learner touched, kept while it is invalid. */
  inputs: Partial<Record<ScenarioFieldId, string>>;
  /** The error of each field whose text does not parse. */
  errors: Partial<Record<ScenarioFieldId, string>>;
  problemText: string;
  wordContext: WordContext;
  setInput: (id: ScenarioFieldId, raw: string) => void;
  reset: () => void;
  /** Replaces every edit with `edits`, as loading a saved scenario into the panel does. */
  loadEdits: (edits: ScenarioEdits) => void;
}

const WhatIfContext = createContext<WhatIfState | undefined>(undefined);

export interface WhatIfProviderProps {
  analysis: Analysis;
  /** The stored lesson's estimate-quoting text, shown until an edit. */
  storedText: LessonText;
  textSource: LessonTextSource;
  selectionModel: SelectionModel;
  wordContext: WordContext;
  children: ReactNode;
}

/**
 * Holds the lesson's what-if scenario. On every edit it recomputes the estimates and their
 * comparison with the original in the same render, so the figures commit with the keystroke. The
 * charts, the rebuilt card, objective and role text, and the predicted concept change follow in
 * a deferred render that React may interrupt when the learner keeps typing.
 *
 * Test and benchmark hooks sit on the wrapper element. `data-recompute-ms` is the time from the
 * input event to the committed figures of the last edit, in ms, and `data-recompute-count` counts
 * the edits committed so far. `data-text-edited` is "true" once the deferred text has caught up
 * with an edited scenario, and `data-whatif-root` marks the element.
 */
export function WhatIfProvider({
  analysis: original,
  storedText,
  textSource,
  selectionModel,
  wordContext,
  children,
}: WhatIfProviderProps) {
  const [scenario, setScenario] = useState(() => scenarioFromAnalysis(original));
  const [inputs, setInputs] = useState<Partial<Record<ScenarioFieldId, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<ScenarioFieldId, string>>>({});
  const root = useRef<HTMLDivElement>(null);
  const editStartMs = useRef<number | undefined>(undefined);
  const commits = useRef(0);

  const setInput = useCallback((id: ScenarioFieldId, raw: string) => {
    editStartMs.current = performance.now();
    const parsed = FIELD_SPECS[id].parse(raw);
    setInputs((current) => ({ ...current, [id]: raw }));
    if (!parsed.ok) {
      setErrors((current) => ({ ...current, [id]: parsed.message }));
      return;
    }
    setErrors((current) => {
      const next = { ...current };
      delete next[id];
      return next;
    });
    // A cleared optional field removes the stated target rather than restoring it.
    setScenario((current) => setField(current, id, parsed.value ?? null));
  }, []);

  const reset = useCallback(() => {
    editStartMs.current = performance.now();
    setInputs({});
    setErrors({});
    setScenario((current) => resetScenario(current));
  }, []);

  const loadEdits = useCallback((edits: ScenarioEdits) => {
    editStartMs.current = performance.now();
    setInputs({});
    setErrors({});
    setScenario((current) => withEdits(current.stated, edits));
  }, []);

  const figures = useMemo(() => {
    const edited = isEdited(scenario);
    const analysis = edited ? recompute(scenario) : original;
    return {
      edited,
      analysis,
      comparisons: compare(original, analysis),
      warnings: scenarioWarnings(analysis),
    };
  }, [scenario, original]);

  const deferredAnalysis = useDeferredValue(figures.analysis);
  const followers = useMemo(() => {
    const textEdited = deferredAnalysis !== original;
    return {
      textEdited,
      text: textEdited ? rebuildLessonText(textSource, deferredAnalysis) : storedText,
      charts: buildCharts(deferredAnalysis),
      change: textEdited
        ? lessonChange(selectionModel, textSource.problemText, original, deferredAnalysis)
        : { changes: false, entering: [], leaving: [] },
      reasons: textEdited
        ? rebuildReasons(
            selectionModel,
            textSource.problemText,
            textSource.concepts,
            original,
            deferredAnalysis,
          )
        : {},
    };
  }, [deferredAnalysis, original, storedText, textSource, selectionModel]);

  useLayoutEffect(() => {
    const started = editStartMs.current;
    if (started === undefined || root.current === null) return;
    editStartMs.current = undefined;
    commits.current += 1;
    root.current.dataset.recomputeMs = (performance.now() - started).toFixed(2);
    root.current.dataset.recomputeCount = String(commits.current);
  }, [figures, inputs, errors]);

  const value: WhatIfState = {
    original,
    scenario,
    ...figures,
    ...followers,
    inputs,
    errors,
    problemText: textSource.problemText,
    wordContext,
    setInput,
    reset,
    loadEdits,
  };

  return (
    <WhatIfContext.Provider value={value}>
      <div
        ref={root}
        data-whatif-root=""
        data-text-edited={followers.textEdited ? 'true' : 'false'}
        className="space-y-10"
      >
        {children}
      </div>
    </WhatIfContext.Provider>
  );
}

/** Returns the what-if state, or undefined outside a `WhatIfProvider`. */
export function useWhatIf(): WhatIfState | undefined {
  return useContext(WhatIfContext);
}
