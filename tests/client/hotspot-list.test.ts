// The analytics view's hot-spot list and exports: strongest hot spots first with their place
// names, and the CSV quotes a place name with a comma.
import { describe, expect, it } from 'vitest';
import { topHotspots } from '../../client/analytics/top-hotspots.ts';
import { cellsToCsv } from '../../client/analytics/export.ts';

const cell = (id: string, cls: number, z: number, place: string) => ({ cell: id, class: cls, z, place, value: 1, p: 0.01 });

describe('hot-spot list', () => {
  it('lists hot cells only, the strongest class first and then by z, up to the limit', () => {
    const cells = [cell('a', 1, 1.8, 'Åsgatan 12'), cell('b', 3, 3.1, 'Örngränd 3'), cell('c', -3, -3.5, 'Rydsparken'), cell('d', 3, 4.2, 'Rydsvägen 1, vid Ryds centrum'), cell('e', 0, 0.5, 'Ryd'), cell('f', 2, 2.2, 'Rydsskolan')];
    expect(topHotspots(cells, 3).map((c) => c.place)).toEqual(['Rydsvägen 1, vid Ryds centrum', 'Örngränd 3', 'Rydsskolan']);
    expect(topHotspots(cells, 10).map((c) => c.cell)).toEqual(['d', 'b', 'f', 'a']);
  });
});

describe('CSV export', () => {
  it('adds a quoted place column for hot spots and leaves the heat map columns as they were', () => {
    expect(cellsToCsv([{ cell: 'x', class: 3, z: 3.2, place: 'Rydsvägen 12, vid "Ryds centrum"' }])).toBe('cell,weight,count,class,z,place\nx,,,3,3.2,"Rydsvägen 12, vid ""Ryds centrum"""\n');
    expect(cellsToCsv([{ cell: 'y', weight: 2, count: 3 }])).toBe('cell,weight,count,class,z\ny,2,3,,\n');
  });
});
