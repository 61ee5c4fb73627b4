/**
 * What-if scenarios: change one constraint of a lesson's problem and recompute everything that
 * follows in the browser, with the analyser's and the lesson builders' own code.
 *
 * A typical edit, as the lesson page runs it:
 *
 * ```ts
 * const original = lesson.analysis;
 * let scenario = scenarioFromAnalysis(original);            // fields seeded, defaults marked
 * const parsed = parseField('gpuCount', '512');             // strict: errors name value and range
 * if (parsed.ok) scenario = setField(scenario, 'gpuCount', parsed.value);
 * const edited = recompute(scenario);                       // the same computeEstimates
 * const rows = compare(original, edited);                   // values, deltas, limits crossed
 * const charts = buildCharts(edited);                       // plain data plus SVG geometry
 * const text = rebuildLessonText(source, edited);           // cards, objectives, roles
 * const change = lessonChange(model, problemText, original, edited);
 * const request = scenarioToLessonRequest(scenario, context); // body for POST /api/lessons
 * ```
 *
 * A `Scenario` is plain data (`stated` quantities plus `edits`), so it can be stored and replayed
 * with `withEdits(stated, edits)`: a `SavedScenario` keeps it with its lesson under a name, and
 * `compareSideBySide` sets several beside the original. Everything here runs in the browser except `buildSelectionModel`
 * and `wordContext`, which the page calls on the server and whose results it passes down.
 */

export {
  checkFieldValue,
  FIELD_SPECS,
  formatField,
  GPU_OPTIONS,
  MAX_GPU_COUNT,
  parseField,
  SCENARIO_FIELD_IDS,
  TIMELINE_FIELD_SPEC,
  type FieldOption,
  type FieldParse,
  type FieldSpec,
  type ScenarioFieldId,
  type ScenarioValue,
} from './fields';
export {
  fieldLabel,
  isEdited,
  recompute,
  resetScenario,
  scenarioFromAnalysis,
  scenarioQuantities,
  setField,
  withEdits,
  type FieldOrigin,
  type Scenario,
  type ScenarioEdits,
  type ScenarioField,
} from './scenario';
export { invalidLayoutWarning, scenarioWarnings, type ScenarioWarning } from './warnings';
export {
  LESSON_TARGET_IDS,
  LESSON_TARGET_SPECS,
  parseLessonTargets,
  type LessonTargetId,
  type LessonTargetInputs,
  type LessonTargets,
} from './targets';
export {
  compare,
  COMPARED_ESTIMATES,
  formatDelta,
  formatDeltaPercent,
  headlineKey,
  limitsCrossed,
  STAGE_MEMORY_KEYS,
  type EstimateComparison,
  type EstimateKey,
  type HeadlineId,
  type LimitKind,
  type LimitMarker,
} from './compare';
export { buildCharts, gpuCountsToSweep } from './charts';
export {
  CHART_SIZE,
  layoutChart,
  type Axis,
  type Chart,
  type ChartLimit,
  type ChartMarker,
  type ChartSeries,
  type ChartSpec,
  type PlotPoint,
  type Tick,
} from './chart-geometry';
export {
  lessonChange,
  predictConceptIds,
  type ConceptChange,
  type LessonChange,
  type SelectionConcept,
  type SelectionModel,
} from './selection';
export {
  rebuildLessonText,
  type LessonText,
  type LessonTextCard,
  type LessonTextSource,
} from './lesson-text';
export { scenarioToLessonRequest, type ScenarioLessonRequest, type WordContext } from './rewrite';
export {
  capitalise,
  changeText,
  FIELD_GROUPS,
  HEADLINES,
  INVALID_LAYOUT_FIGURE,
  invalidLayoutText,
  ORIGIN_TEXT,
  originText,
  STAGE_NAMES,
} from './presentation';
export {
  analyseStored,
  compareSideBySide,
  MAX_SCENARIO_NAME_CHARS,
  storedIsEdited,
  type SavedScenario,
  type ScenarioColumn,
  type SideBySideCell,
  type SideBySideRow,
  type StoredScenario,
} from './saved';
