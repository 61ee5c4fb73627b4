import { analyzeProblem } from '../../lib/analysis';
import { formatEstimate } from '../../lib/analysis/format';
import type { CliOptions } from '../main';
import { printJson, writeStdout } from '../output';

/** Prints `{ quantities, estimates }` with `--json`, or a readable table of both. */
export async function analyzeCommand(problem: string, options: CliOptions): Promise<void> {
  const analysis = analyzeProblem(problem, options.constraint ?? []);
  if (options.json)
    return printJson({ quantities: analysis.quantities, estimates: analysis.estimates });

  const lines: string[] = ['Quantities'];
  for (const [key, value] of Object.entries(analysis.quantities)) {
    lines.push(
      `  ${key.padEnd(24)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    );
  }
  lines.push('', 'Estimates');
  for (const [key, estimate] of Object.entries(analysis.estimates)) {
    if (!estimate) continue;
    lines.push(`  ${key.padEnd(24)} ${formatEstimate(estimate)}`);
    lines.push(`  ${''.padEnd(24)} ${estimate.formula}`);
  }
  if (analysis.notes.length > 0)
    lines.push('', 'Notes', ...analysis.notes.map((line) => `  - ${line}`));
  return writeStdout(`${lines.join('\n')}\n`);
}
