// Wires patrol routes into the one MapLibre map: adds the route sources and layers (again after
// every style load), draws stop-number images, turns clicks into waypoints (a click on a leg
// inserts a point there), lets waypoints be dragged and removed (right-click), and snapshots
// the canvas for the printable route card. Returns a handle; dispose() undoes it all.
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapLayerTouchEvent, MapMouseEvent } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import {
  DRAFT_LINE_LAYER_ID, DRAFT_WAYPOINT_LAYER_ID, EMPTY_ROUTES, MAX_NUMBER_IMAGE, NUMBER_IMAGE_PREFIX, ROUTE_DRAFT_SOURCE_ID,
  ROUTE_PLAN_SOURCE_ID, routeLayers, PLAN_STOP_LAYER_ID,
} from './layers/routes.ts';
import { addLayersBelowLabels } from './basemap.ts';

type Pair = [number, number];

export interface RouteMapHandlers {
  /** Whether clicks draw (the planner's draw tab is open). */
  isDrawing: () => boolean;
  onAdd: (p: Pair) => void;
  onInsert: (legIndex: number, p: Pair) => void;
  onMove: (index: number, p: Pair) => void;
  onRemove: (index: number) => void;
}

export interface RouteMap {
  setDraft: (fc: FeatureCollection) => void;
  setPlan: (fc: FeatureCollection) => void;
  fitTo: (bbox: [number, number, number, number]) => void;
  /** Stops (numbered circles) rendered now, for people debugging and the browser test. */
  renderedStops: () => number;
  /** A PNG data URL of the map as drawn now. */
  snapshot: () => Promise<string>;
  dispose: () => void;
}

/** Pixels around a click that still hit a leg. */
const LEG_HIT_PX = 6;

function numberImage(n: number, pixelRatio: number): ImageData {
  const size = 22 * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.font = `700 ${12 * pixelRatio}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.fillText(String(n), size / 2, size / 2 + 0.5 * pixelRatio);
  return ctx.getImageData(0, 0, size, size);
}

/** Adds the stop-number images (route-number-1 … MAX_NUMBER_IMAGE) the map lacks; again after every style load. */
export function addNumberImages(map: MapLibreMap): void {
  const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
  for (let n = 1; n <= MAX_NUMBER_IMAGE; n++) {
    const id = `${NUMBER_IMAGE_PREFIX}${n}`;
    if (!map.hasImage(id)) map.addImage(id, numberImage(n, pixelRatio), { pixelRatio });
  }
}

export function makeRouteMap(map: MapLibreMap, h: RouteMapHandlers): RouteMap {
  let draft: FeatureCollection = EMPTY_ROUTES;
  let plan: FeatureCollection = EMPTY_ROUTES;
  let dragging: { index: number; moved: boolean } | null = null;
  let justDragged = false;

  const source = (id: string) => map.getSource(id) as GeoJSONSource | undefined;
  const install = () => {
    if (map.getSource(ROUTE_DRAFT_SOURCE_ID)) return;
    addNumberImages(map);
    map.addSource(ROUTE_PLAN_SOURCE_ID, { type: 'geojson', data: plan });
    map.addSource(ROUTE_DRAFT_SOURCE_ID, { type: 'geojson', data: draft });
    addLayersBelowLabels(map, routeLayers);
  };
  // After every style load; and now, or once the map settles, when the style loaded before us
  // (isStyleLoaded() stays false while any source is still loading).
  const installWhenReady = () => {
    try {
      install();
    } catch {
      map.once('idle', installWhenReady);
    }
  };
  map.on('style.load', install);
  if (map.isStyleLoaded()) install();
  else map.once('idle', installWhenReady);

  const onClick = (e: MapMouseEvent) => {
    if (!h.isDrawing() || justDragged) return;
    if (map.queryRenderedFeatures(e.point, { layers: [DRAFT_WAYPOINT_LAYER_ID] }).length) return;
    const box: [[number, number], [number, number]] = [[e.point.x - LEG_HIT_PX, e.point.y - LEG_HIT_PX], [e.point.x + LEG_HIT_PX, e.point.y + LEG_HIT_PX]];
    const leg = map.getLayer(DRAFT_LINE_LAYER_ID) ? map.queryRenderedFeatures(box, { layers: [DRAFT_LINE_LAYER_ID] })[0] : undefined;
    const p: Pair = [e.lngLat.lng, e.lngLat.lat];
    if (leg && typeof leg.properties.legIndex === 'number') h.onInsert(leg.properties.legIndex, p);
    else h.onAdd(p);
  };
  const onContextMenu = (e: MapLayerMouseEvent) => {
    const index = e.features?.[0]?.properties.index;
    if (!h.isDrawing() || typeof index !== 'number') return;
    e.preventDefault();
    h.onRemove(index);
  };

  // Dragging a waypoint: the point follows the pointer, the edit is committed on release.
  const showAt = (index: number, p: Pair) => {
    const fc: FeatureCollection = {
      ...draft,
      features: draft.features.map((f) => (f.properties?.kind === 'waypoint' && f.properties.index === index ? { ...f, geometry: { type: 'Point', coordinates: p } } : f)),
    };
    source(ROUTE_DRAFT_SOURCE_ID)?.setData(fc);
  };
  const onDragMove = (e: MapMouseEvent | MapLayerTouchEvent) => {
    if (!dragging) return;
    dragging.moved = true;
    map.getCanvas().style.cursor = 'grabbing';
    showAt(dragging.index, [e.lngLat.lng, e.lngLat.lat]);
  };
  const onDragEnd = (e: MapMouseEvent | MapLayerTouchEvent) => {
    map.off('mousemove', onDragMove);
    map.off('touchmove', onDragMove);
    const d = dragging;
    dragging = null;
    map.getCanvas().style.cursor = '';
    if (d?.moved) {
      justDragged = true;
      setTimeout(() => (justDragged = false), 0);
      h.onMove(d.index, [e.lngLat.lng, e.lngLat.lat]);
    }
  };
  const onDragStart = (e: MapLayerMouseEvent | MapLayerTouchEvent) => {
    const index = e.features?.[0]?.properties.index;
    if (!h.isDrawing() || typeof index !== 'number') return;
    if ('originalEvent' in e && e.originalEvent instanceof MouseEvent && e.originalEvent.button !== 0) return;
    if (e.type === 'touchstart' && (e as MapLayerTouchEvent).points.length !== 1) return;
    e.preventDefault();
    dragging = { index, moved: false };
    if (e.type === 'touchstart') {
      map.on('touchmove', onDragMove);
      map.once('touchend', onDragEnd);
    } else {
      map.on('mousemove', onDragMove);
      map.once('mouseup', onDragEnd);
    }
  };
  const onEnter = () => {
    if (h.isDrawing()) map.getCanvas().style.cursor = 'grab';
  };
  const onLeave = () => {
    if (!dragging) map.getCanvas().style.cursor = h.isDrawing() ? 'crosshair' : '';
  };

  map.on('click', onClick);
  map.on('contextmenu', DRAFT_WAYPOINT_LAYER_ID, onContextMenu);
  map.on('mousedown', DRAFT_WAYPOINT_LAYER_ID, onDragStart);
  map.on('touchstart', DRAFT_WAYPOINT_LAYER_ID, onDragStart);
  map.on('mouseenter', DRAFT_WAYPOINT_LAYER_ID, onEnter);
  map.on('mouseleave', DRAFT_WAYPOINT_LAYER_ID, onLeave);

  return {
    setDraft: (fc) => {
      draft = fc;
      source(ROUTE_DRAFT_SOURCE_ID)?.setData(fc);
      if (!dragging) map.getCanvas().style.cursor = h.isDrawing() ? 'crosshair' : '';
    },
    setPlan: (fc) => {
      plan = fc;
      source(ROUTE_PLAN_SOURCE_ID)?.setData(fc);
    },
    fitTo: (bbox) => map.fitBounds(bbox, { padding: 60, maxZoom: 16, duration: 0 }),
    renderedStops: () => {
      const layers = [PLAN_STOP_LAYER_ID, DRAFT_WAYPOINT_LAYER_ID].filter((l) => map.getLayer(l));
      return layers.length ? map.queryRenderedFeatures({ layers }).filter((f) => f.properties.number !== undefined).length : 0;
    },
    snapshot: () =>
      new Promise<string>((resolve) => {
        // The drawing buffer is readable only while a frame is being rendered.
        map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
        map.triggerRepaint();
      }),
    dispose: () => {
      map.off('style.load', install);
      map.off('idle', installWhenReady);
      map.off('click', onClick);
      map.off('contextmenu', DRAFT_WAYPOINT_LAYER_ID, onContextMenu);
      map.off('mousedown', DRAFT_WAYPOINT_LAYER_ID, onDragStart);
      map.off('touchstart', DRAFT_WAYPOINT_LAYER_ID, onDragStart);
      map.off('mouseenter', DRAFT_WAYPOINT_LAYER_ID, onEnter);
      map.off('mouseleave', DRAFT_WAYPOINT_LAYER_ID, onLeave);
      map.off('mousemove', onDragMove);
      try {
        map.getCanvas().style.cursor = '';
        for (const layer of routeLayers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
        for (const id of [ROUTE_DRAFT_SOURCE_ID, ROUTE_PLAN_SOURCE_ID]) if (map.getSource(id)) map.removeSource(id);
      } catch {
        // The map is already removed (the page switched views): nothing left to undo.
      }
    },
  };
}
