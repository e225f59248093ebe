// Opens the popup for one report: fetches it, renders a ReportCard into a MapLibre popup, cleans up on close.
import { createRoot, createSignal } from 'solid-js';
import { Popup } from 'maplibre-gl';
import type { Map as MapLibreMap, LngLatLike } from 'maplibre-gl';
import { ReportCard } from '../components/report-card.tsx';
import type { ReportCardProps } from '../components/report-card.tsx';
import { isAbortError, toProblemError } from '../api/problem-error.ts';
import type { ProblemError } from '../api/problem-error.ts';
import type { Report } from '../api/types.ts';

export interface ReportPopupDeps extends Omit<ReportCardProps, 'report' | 'error' | 'isMasked'> {
  loadReport: (id: string, signal: AbortSignal) => Promise<Report>;
}

/** Shows the popup and returns a function that closes it. `deps` is read reactively (language switches update it). */
export function makeReportPopup(map: MapLibreMap, at: LngLatLike, id: string, deps: () => ReportPopupDeps, isMasked = false): () => void {
  const ctrl = new AbortController();
  const popup = new Popup({ maxWidth: '320px', focusAfterOpen: true, className: 'report-popup' });
  createRoot((dispose) => {
    const [report, setReport] = createSignal<Report>();
    const [error, setError] = createSignal<ProblemError | null>(null);
    deps().loadReport(id, ctrl.signal).then(
      (r) => setReport(r),
      (err: unknown) => {
        if (!isAbortError(err)) setError(toProblemError(err));
      },
    );
    const el = (
      <ReportCard
        report={report()}
        error={error()}
        lang={deps().lang}
        t={deps().t}
        categoryLabel={deps().categoryLabel}
        categoryColor={deps().categoryColor}
        districtName={deps().districtName}
        isMasked={isMasked}
      />
    ) as HTMLElement;
    popup.setDOMContent(el).setLngLat(at).addTo(map);
    popup.on('close', () => {
      ctrl.abort();
      dispose();
    });
  });
  return () => popup.remove();
}
