// Records the phone's position while on patrol: watchPosition with high accuracy, keeping one
// fix per interval (default 10 s) with strictly increasing times. Returns a stop function.

export interface Fix {
  t: number;
  lat: number;
  lon: number;
  acc: number | null;
}

/** `keptBefore`: time of the patrol's last kept fix (after a reload the phone may repeat its cached position). */
export function makeGeoRecorder(onFix: (f: Fix) => void, onError: (code: number) => void, minIntervalMs = 10_000, keptBefore = -Infinity): () => void {
  let last = keptBefore;
  const id = navigator.geolocation.watchPosition(
    (pos) => {
      if (Math.round(pos.timestamp) <= keptBefore) return; // the fix kept before the reload, delivered again
      const t = Math.max(Math.round(pos.timestamp), last + 1);
      if (t - last < minIntervalMs) return;
      last = t;
      onFix({ t, lat: pos.coords.latitude, lon: pos.coords.longitude, acc: Number.isFinite(pos.coords.accuracy) ? pos.coords.accuracy : null });
    },
    (err) => onError(err.code),
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 },
  );
  return () => navigator.geolocation.clearWatch(id);
}
