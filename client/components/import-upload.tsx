// Upload of a historical report file with a progress bar and the rejected rows; the caller
// passes in the upload and poll functions (no fetch here).
import { For, Show, createSignal, onCleanup } from 'solid-js';
import type { ImportJob } from '../analytics/analytics-api.ts';
import type { AnalyticsMessages } from '../i18n/analytics-sv.ts';
import type { Lang } from '../i18n/messages.ts';
import { errorText } from '../i18n/problem-message.ts';

export interface ImportUploadProps {
  lang: Lang;
  t: AnalyticsMessages;
  upload: (file: File, params: Record<string, string | undefined>) => Promise<ImportJob>;
  poll: (id: string) => Promise<ImportJob>;
  onDone: () => void;
}

export function ImportUpload(props: ImportUploadProps) {
  const [job, setJob] = createSignal<ImportJob | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  let fileInput!: HTMLInputElement;
  let mapping!: HTMLInputElement;
  let source!: HTMLSelectElement;

  const follow = async (id: string) => {
    try {
      const j = await props.poll(id);
      setJob(j);
      if (j.state === 'running') timer = setTimeout(() => void follow(id), 400);
      else if (j.state === 'done') props.onDone();
    } catch (err) {
      setError(errorText(err, props.lang));
    }
  };
  const start = async (e: Event) => {
    e.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) return;
    setError(null);
    try {
      const j = await props.upload(file, { map: mapping.value.trim() || undefined, source: source.value });
      setJob(j);
      void follow(j.id);
    } catch (err) {
      setError(errorText(err, props.lang));
    }
  };
  const pct = () => {
    const p = job()?.progress;
    return p?.totalBytes ? Math.round((100 * p.bytesRead) / p.totalBytes) : 0;
  };

  return (
    <form class="import-upload" onSubmit={start} data-testid="import-upload">
      <h3>{props.t.importHeading}</h3>
      <p class="hint">{props.t.importHelp}</p>
      <input type="file" accept=".csv,.geojson,.json,text/csv,application/geo+json" ref={fileInput} required />
      <label>
        {props.t.importMapping}
        <input type="text" ref={mapping} placeholder="category=Brottstyp,observedAt=Tid" />
      </label>
      <label>
        {props.t.importSource}
        <select ref={source}>
          <For each={['police', 'staff', 'partner', 'resident']}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </label>
      <button type="submit" class="button">{props.t.importStart}</button>
      <Show when={job()}>
        {(j) => (
          <div class="import-upload__status" role="status">
            <progress max="100" value={pct()} />
            <span>{props.t.importProgress(pct())}</span>
            <Show when={j().state === 'done'}>
              <p>{props.t.importDone(j().progress.inserted, j().duplicates, j().progress.rejected)}</p>
              <Show when={j().rejections.length}>
                <ul class="import-upload__rejections">
                  <For each={j().rejections.slice(0, 10)}>{(r) => <li>{`${r.line} · ${r.field}: ${r.reason}`}</li>}</For>
                </ul>
                <a href={`/api/imports/${j().id}/rejections.csv`}>{props.t.importRejectedLink}</a>
              </Show>
            </Show>
            <Show when={j().state === 'failed'}>
              <p class="error">{props.t.importFailed(j().error ?? '')}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={error()}>{(e) => <p class="error">{props.t.importFailed(e())}</p>}</Show>
    </form>
  );
}
