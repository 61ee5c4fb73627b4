'use client';

export interface GraphControlsProps {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  /** Moves the view by this many CSS pixels; positive x shows what lies to the left. */
  onPan: (x: number, y: number) => void;
  disabled: boolean;
}

/** How far one pan button moves the view, in CSS pixels. */
const PAN_STEP_PX = 100;

/** Zoom, fit and pan buttons laid over the graph canvas. */
export function GraphControls({ onZoomIn, onZoomOut, onFit, onPan, disabled }: GraphControlsProps) {
  const buttons: [label: string, symbol: string, action: () => void][] = [
    ['Zoom in', '+', onZoomIn],
    ['Zoom out', '−', onZoomOut],
    ['Fit graph to view', '⤢', onFit],
    ['Pan left', '←', () => onPan(PAN_STEP_PX, 0)],
    ['Pan right', '→', () => onPan(-PAN_STEP_PX, 0)],
    ['Pan up', '↑', () => onPan(0, PAN_STEP_PX)],
    ['Pan down', '↓', () => onPan(0, -PAN_STEP_PX)],
  ];

  return (
    <div
      role="toolbar"
      aria-label="Graph view"
      aria-orientation="vertical"
      className="absolute right-2 top-2 flex flex-col gap-1 rounded-lg border border-slate-200 bg-white/90 p-1 shadow-sm dark:border-slate-700 dark:bg-slate-900/90"
    >
      {buttons.map(([label, symbol, action]) => (
        <button
          key={label}
          type="button"
          aria-label={label}
          title={label}
          onClick={action}
          disabled={disabled}
          className="h-8 w-8 rounded text-base leading-none text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-40 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <span aria-hidden="true">{symbol}</span>
        </button>
      ))}
    </div>
  );
}
