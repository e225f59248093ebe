// Reports per 1,000 residents beside the count and the residents, one row per district or DeSO
// area; a row whose numbers are too small to compare says so instead of inviting a comparison.
import { For, Show } from 'solid-js';

export interface RateRow {
  key: string;
  label: string;
  count: number;
  population: number | null;
  per1000: number | null;
  smallNumbers: boolean;
}

export interface RateTableText {
  area: string;
  count: string;
  residents: string;
  per1000: string;
  tooSmall: string;
  smallRule: (minCount: number, minPopulation: number) => string;
  noResidents: string;
}

export interface RateTableProps {
  caption: string;
  rows: RateRow[];
  rule: { minCount: number; minPopulation: number } | undefined;
  t: RateTableText;
  locale: string;
  testId: string;
}

export function RateTable(props: RateTableProps) {
  const int = (n: number) => n.toLocaleString(props.locale);
  const rate = (n: number) => n.toLocaleString(props.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <div class="rate-table" data-testid={props.testId}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr><th scope="col">{props.t.area}</th><th scope="col">{props.t.count}</th><th scope="col">{props.t.residents}</th><th scope="col">{props.t.per1000}</th></tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(r) => (
              <tr classList={{ 'rate-table__small': r.smallNumbers }} data-small={r.smallNumbers ? 'true' : 'false'}>
                <th scope="row">{r.label}</th>
                <td>{int(r.count)}</td>
                <td>{r.population === null ? '–' : int(r.population)}</td>
                <td>
                  {r.per1000 === null ? props.t.noResidents : rate(r.per1000)}
                  <Show when={r.smallNumbers && r.per1000 !== null}> <span class="rate-table__note">({props.t.tooSmall})</span></Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.rule}>{(rule) => <p class="hint">{props.t.smallRule(rule().minCount, rule().minPopulation)}</p>}</Show>
    </div>
  );
}
