// Weekly reports, target against the control scaled to the target's pre-period level, with the
// intervention's start marked: an SVG line chart (props in, JSX out) with a text alternative.
import { For, Show } from 'solid-js';

export interface EvaluationChartProps {
  weekStarts: string[];
  target: number[];
  control: number[];
  start: string | null;
  label: string;
  targetLabel: string;
  controlLabel: string;
  startLabel: string;
}

const W = 560;
const H = 200;
const PAD = 32;

export function EvaluationChart(props: EvaluationChartProps) {
  const n = () => props.weekStarts.length;
  const top = () => Math.max(1, ...props.target, ...props.control);
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(1, n() - 1);
  const y = (v: number) => H - PAD - (v / top()) * (H - 2 * PAD);
  const path = (s: number[]) => s.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const startX = () => {
    const i = props.start ? props.weekStarts.indexOf(props.start) : -1;
    return i < 0 ? null : x(i) - (x(1) - x(0)) / 2;
  };
  return (
    <figure class="evaluation-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label} data-testid="evaluation-chart">
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} stroke="#475569" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} stroke="#475569" />
        <text x={PAD - 4} y={PAD + 4} text-anchor="end" font-size="11" fill="#334155">{Math.round(top())}</text>
        <text x={PAD - 4} y={H - PAD} text-anchor="end" font-size="11" fill="#334155">0</text>
        <Show when={startX()}>
          {(sx) => (
            <>
              <line x1={sx()} y1={PAD - 10} x2={sx()} y2={H - PAD} stroke="#111827" stroke-dasharray="4 3" />
              <text x={sx() + 4} y={PAD - 12} font-size="11" fill="#111827">{props.startLabel}</text>
            </>
          )}
        </Show>
        <path d={path(props.control)} fill="none" stroke="#64748b" stroke-width="2" stroke-dasharray="6 3" />
        <path d={path(props.target)} fill="none" stroke="#b91c1c" stroke-width="2.5" />
        <text x={PAD} y={H - 8} font-size="11" fill="#334155">{props.weekStarts[0] ?? ''}</text>
        <text x={W - PAD} y={H - 8} font-size="11" text-anchor="end" fill="#334155">{props.weekStarts.at(-1) ?? ''}</text>
      </svg>
      <figcaption>
        <span class="evaluation-chart__key evaluation-chart__key--target">— {props.targetLabel}</span>{' '}
        <span class="evaluation-chart__key evaluation-chart__key--control">- - {props.controlLabel}</span>
      </figcaption>
      <table class="visually-hidden">
        <caption>{props.label}</caption>
        <thead><tr><th scope="col">v.</th><th scope="col">{props.targetLabel}</th><th scope="col">{props.controlLabel}</th></tr></thead>
        <tbody>
          <For each={props.weekStarts}>{(w, i) => <tr><th scope="row">{w}</th><td>{props.target[i()]}</td><td>{(props.control[i()] ?? 0).toFixed(1)}</td></tr>}</For>
        </tbody>
      </table>
    </figure>
  );
}
