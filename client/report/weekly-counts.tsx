// What the public sees of the reports withheld from the map (police reports, hot/våld,
// narkotika): the number per district and week (GET /api/public/weekly-counts).
import { For, Show } from 'solid-js';
import type { WeeklyCounts } from './report-api.ts';
import type { reportMessages } from './report-messages.ts';

export function WeeklyCountsTable(props: { counts: WeeklyCounts | undefined; t: ReturnType<typeof reportMessages> }) {
  const total = (district: string, week: string) => props.counts?.rows.filter((r) => r.district === district && r.week === week).reduce((n, r) => n + r.count, 0) ?? 0;
  return (
    <section class="resident-list" aria-labelledby="weekly-heading" data-testid="weekly-counts">
      <h2 id="weekly-heading">{props.t.weeklyHeading}</h2>
      <p>{props.t.weeklyIntro}</p>
      <Show when={props.counts}>
        {(c) => (
          <table class="weekly-counts">
            <thead>
              <tr>
                <th scope="col">{props.t.weeklyDistrict}</th>
                <For each={c().weeks}>{(w) => <th scope="col">{props.t.weeklyWeek(w)}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={c().districts}>
                {(d) => (
                  <tr>
                    <th scope="row">{d.name}</th>
                    <For each={c().weeks}>{(w) => <td>{total(d.id, w)}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
    </section>
  );
}
