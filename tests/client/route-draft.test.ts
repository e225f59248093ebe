// The route draft's pure edits and schedule, and the route layers' feature collections.
import { describe, expect, it } from 'vitest';
import {
  addWaypoint, clockPlus, insertWaypoint, moveWaypoint, removeWaypoint, returnToStart, scheduleDraft, setDwell, shiftLengthMin, stopNumbers, toggleStop,
} from '../../client/state/route-draft.ts';
import { draftToFeatureCollection, suggestionToFeatureCollection, teamColor } from '../../client/map/layers/routes.ts';
import type { SuggestAnswer } from '../../client/api/route-types.ts';

describe('route draft', () => {
  const four = [[15.56, 58.40], [15.561, 58.401], [15.562, 58.402], [15.563, 58.403], [15.564, 58.404]].reduce(
    (ws, p) => addWaypoint(ws, p as [number, number]),
    [] as ReturnType<typeof addWaypoint>,
  );

  it('makes the first point the start and later points stops with the default dwell', () => {
    expect(four.map((w) => w.stop)).toEqual([false, true, true, true, true]);
    expect(four.map((w) => w.dwellMin)).toEqual([0, 12, 12, 12, 12]);
    expect(stopNumbers(four)).toEqual([null, 1, 2, 3, 4]);
  });

  it('inserts a pass-through point into a leg, moves, removes and toggles points', () => {
    const ins = insertWaypoint(four, 1, [1, 2]);
    expect(ins).toHaveLength(6);
    expect(ins[2]).toEqual({ lon: 1, lat: 2, stop: false, dwellMin: 0 });
    expect(stopNumbers(ins)).toEqual([null, 1, null, 2, 3, 4]);
    expect(moveWaypoint(four, 2, [9, 9])[2]).toMatchObject({ lon: 9, lat: 9, stop: true });
    expect(removeWaypoint(four, 1)).toHaveLength(4);
    expect(toggleStop(four, 1)[1]).toMatchObject({ stop: false, dwellMin: 0 });
    expect(toggleStop(toggleStop(four, 1), 1)[1]).toMatchObject({ stop: true, dwellMin: 12 });
    expect(setDwell(four, 2, 15.4)[2]!.dwellMin).toBe(15);
    expect(returnToStart(four).at(-1)).toEqual({ lon: 15.56, lat: 58.4, stop: false, dwellMin: 0 });
  });

  it('schedules arrivals from the shift start at the walking speed, with dwell at stops', () => {
    // 750 m at 4.5 km/h is 10 minutes.
    const t = scheduleDraft(four.slice(0, 3), [750, 1500], 4.5);
    expect(t.map((x) => [Math.round(x.arrivalMin), Math.round(x.departureMin)])).toEqual([[0, 0], [10, 22], [42, 54]]);
    expect(clockPlus('18:00', 42)).toBe('18:42');
    expect(clockPlus('23:30', 45)).toBe('00:15');
    expect(shiftLengthMin('18:00', '23:00')).toBe(300);
    expect(shiftLengthMin('22:00', '02:00')).toBe(240);
  });

  it('draws one line per leg and numbered stops', () => {
    const fc = draftToFeatureCollection(four, [0, 1, 2, 3].map((i) => ({ coordinates: [[i, 0], [i + 1, 0]] as [number, number][] })), null);
    expect(fc.features.filter((f) => f.properties?.kind === 'line').map((f) => f.properties?.legIndex)).toEqual([0, 1, 2, 3]);
    expect(fc.features.filter((f) => f.properties?.kind === 'waypoint').map((f) => f.properties?.number ?? null)).toEqual([null, 1, 2, 3, 4]);
  });

  it('colours suggested routes by team and numbers each team’s stops from 1', () => {
    const stop = (lon: number) => ({ cell: '8a0000000000000', place: 'x', lon, lat: 58, arrival: '', departure: '', risk: 1, visit: 1 });
    const answer: SuggestAnswer = {
      district: 'ryd', graph: 'streets', note: null, base: { id: null, name: 'b', lon: 0, lat: 0 }, candidates: 3,
      routes: [1, 2].map((team) => ({ team, stops: [stop(team), stop(team + 10)], geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, lengthM: 1, walkingMin: 1, value: 1, departure: '', returnAt: '' })),
    };
    const stops = suggestionToFeatureCollection(answer).features.filter((f) => f.properties?.kind === 'stop');
    expect(stops.map((f) => [f.properties?.team, f.properties?.number, f.properties?.color])).toEqual([[1, 1, teamColor(1)], [1, 2, teamColor(1)], [2, 1, teamColor(2)], [2, 2, teamColor(2)]]);
    expect(suggestionToFeatureCollection(answer, 2).features.filter((f) => f.properties?.kind === 'stop')).toHaveLength(2);
  });
});
