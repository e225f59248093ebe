// District comparison: one horizontal stacked bar per district, split by category colour.
import { For } from 'solid-js';
import type { DistrictRow } from '../analytics/analytics-api.ts';

export interface DistrictBarsProps {
  rows: DistrictRow[];
  districtName: (id: string) => string;
  categoryLabel: (code: string) => string;
  categoryColor: (code: string) => string;
  heading: string;
}

export function DistrictBars(props: DistrictBarsProps) {
  const byDistrict = () => {
    const m = new Map<string, DistrictRow[]>();
    for (const r of props.rows) m.set(r.district, [...(m.get(r.district) ?? []), r]);
    return [...m.entries()].map(([district, rows]) => ({ district, rows, total: rows.reduce((a, r) => a + r.weight, 0) }));
  };
  const max = () => Math.max(1e-9, ...byDistrict().map((d) => d.total));
  return (
    <section class="district-bars" data-testid="district-bars">
      <h3>{props.heading}</h3>
      <For each={byDistrict()}>
        {(d) => (
          <div class="district-bars__row">
            <span class="district-bars__name">{props.districtName(d.district)}</span>
            <span class="district-bars__bar" style={{ width: `${(100 * d.total) / max()}%` }}>
              <For each={d.rows}>
                {(r) => <span style={{ 'flex-grow': r.weight, background: props.categoryColor(r.category) }} title={`${props.categoryLabel(r.category)}: ${r.weight.toFixed(1)}`} />}
              </For>
            </span>
            <span class="district-bars__total">{Math.round(d.total)}</span>
          </div>
        )}
      </For>
    </section>
  );
}
