// Records the phone's position while on patrol: watchPosition with high accuracy, keeping one
// fix per interval (default 10 s) with strictly increasing times. Returns a stop function.

export interface Fix {
  t: number;
  lat: number;
  lon: number;
  acc: number | null;
}

export function makeGeoRecorder(onFix: (f: Fix) => void, onError: (code: number) => void, minIntervalMs = 10_000): () => void {
  let last = -Infinity;
  const id = navigator.geolocation.watchPosition(
    (pos) => {
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
