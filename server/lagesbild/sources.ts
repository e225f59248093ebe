// The sources a lägesbild rests on and their limits, in Swedish and English, per district:
// which report sources the week holds, up to when police events are imported, street coverage,
// approximate district boundaries, how counts and baselines are made, late reports.
import type { SourceFacts } from '../db/queries/lagesbild.ts';
import type { DistrictRow } from '../db/queries/districts.ts';
import type { CoverageRow } from '../db/queries/streets.ts';
import type { IsoWeek } from '../domain/iso-week.ts';
import type { ChangeRule } from '../domain/lagesbild-changes.ts';
import { toWallClock } from '../domain/stockholm-time.ts';

export interface SourceNote {
  id: string;
  sv: string;
  en: string;
}

const SOURCE_SV: Record<string, string> = { resident: 'invånare', staff: 'personal', partner: 'partner', police: 'polisen', demo: 'demodata' };

function localDate(iso: string): string {
  const w = toWallClock(Date.parse(iso));
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function buildSources(opts: { facts: SourceFacts; districts: readonly Omit<DistrictRow, 'geometry'>[]; coverage: readonly CoverageRow[]; minStreetKm: number; week: IsoWeek; rule: ChangeRule }): (district: string) => SourceNote[] {
  const { facts, rule } = opts;
  const bySource = facts.reportsBySource.map((r) => `${SOURCE_SV[r.source] ?? r.source} ${r.count}`).join(', ');
  const common: SourceNote[] = [
    {
      id: 'reports',
      sv: `Rapporter i Trygghetskartan vecka ${opts.week.week} (${opts.week.monday}–${opts.week.sunday}): ${bySource || 'inga'}. En rapport räknas i den vecka dess tidsfönsters mittpunkt ligger; avvisade och sammanslagna räknas inte.`,
      en: `Reports in Trygghetskartan, week ${opts.week.week} (${opts.week.monday}–${opts.week.sunday}): ${facts.reportsBySource.map((r) => `${r.source} ${r.count}`).join(', ') || 'none'}. A report counts in the week holding its window's midpoint; rejected and merged reports do not count.`,
    },
    facts.latestPolice
      ? { id: 'police', sv: `Polisens händelser importerade till och med ${localDate(facts.latestPolice)}.`, en: `Police events imported up to ${localDate(facts.latestPolice)}.` }
      : { id: 'police', sv: 'Inga polishändelser är importerade: lägesbilden bygger på kommunens och partnernas rapporter.', en: 'No police events are imported: the picture rests on the municipality’s and partners’ reports.' },
    {
      id: 'test',
      sv: `Förändring prövas med E-testet (Krishnamoorthy & Thomson 2004) mot snittet av de ${rule.baselineWeeks} veckorna före, med FDR ${rule.fdr * 100} % över alla områden och kategorier; en ökning kräver minst ${rule.minCount} rapporter och en minskning ett snitt på minst ${rule.minBaseline}, och skillnaden minst ${rule.minDifference}. En vecka som pågår jämförs med vad snittet väntar för den del av veckan som gått.`,
      en: `Change is tested with the E-test (Krishnamoorthy & Thomson 2004) against the mean of the ${rule.baselineWeeks} weeks before, FDR ${rule.fdr * 100} % over every district and category; a rise needs at least ${rule.minCount} reports, a fall a mean of at least ${rule.minBaseline}, and a difference of at least ${rule.minDifference}. A running week is compared with what the mean expects for the part of it that has passed.`,
    },
    {
      id: 'late',
      sv: 'Rapporter som kommer in efter mötet ändrar inte den arkiverade lägesbilden; de syns i nästa veckas.',
      en: 'Reports arriving after the meeting do not change the archived picture; they show in the next week’s.',
    },
  ];
  return (district) => {
    const notes = [...common];
    const d = opts.districts.find((x) => x.id === district);
    const km = opts.coverage.find((c) => c.districtId === district)?.km ?? 0;
    if (km < opts.minStreetKm) {
      notes.push({ id: 'streets', sv: `${d?.name ?? district} har få gator inlästa (${km.toFixed(1)} km): kartan och rutterna följer där hexrutnätet.`, en: `${d?.name ?? district} has few streets loaded (${km.toFixed(1)} km): the map and routes follow the hex grid there.` });
    } else {
      notes.push({ id: 'streets', sv: `${d?.name ?? district}: ${km.toFixed(1)} km gator inlästa.`, en: `${d?.name ?? district}: ${km.toFixed(1)} km of streets loaded.` });
    }
    if (d?.approximate) notes.push({ id: 'boundary', sv: `${d.name}s gräns är ungefärlig (${d.source || 'handritad'}).`, en: `${d.name}'s boundary is approximate (${d.source || 'hand-drawn'}).` });
    return notes;
  };
}
