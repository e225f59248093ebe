// A weekly trend sparkline (SVG polyline) with the emerging-hotspot pattern as its caption.
import { Show } from 'solid-js';

export interface SparklineProps {
  series: number[] | undefined;
  caption: string;
  widthPx?: number;
  heightPx?: number;
}

export function Sparkline(props: SparklineProps) {
  const w = () => props.widthPx ?? 220;
  const h = () => props.heightPx ?? 44;
  const points = () => {
    const s = props.series ?? [];
    const max = Math.max(1e-9, ...s);
    return s.map((v, i) => `${(i / Math.max(1, s.length - 1)) * (w() - 4) + 2},${h() - 2 - (v / max) * (h() - 4)}`).join(' ');
  };
  return (
    <figure class="sparkline" data-testid="sparkline">
      <Show when={props.series?.length}>
        <svg width={w()} height={h()} viewBox={`0 0 ${w()} ${h()}`} role="img" aria-label={props.caption}>
          <polyline points={points()} fill="none" stroke="#b91c1c" stroke-width="2" />
        </svg>
      </Show>
      <figcaption>{props.caption}</figcaption>
    </figure>
  );
}
