// The plain-Swedish verdict of an evaluation: what the numbers say, in one or two sentences, and
// "för lite data för att avgöra" with the smallest detectable change when they cannot say.
import type { RateRatio } from './did-rate-ratio.ts';

export interface VerdictInput {
  weeks: number;
  rateRatio: RateRatio | null;
  /** Smallest detectable reduction (0–1) at 80 % power. */
  smallestDetectable: number;
  /** The reduction hoped for (0–1). */
  hoped: number;
  placeboP: number | null;
}

export type VerdictKind = 'decrease' | 'increase' | 'no-effect' | 'too-little-data';

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function makeVerdict(v: VerdictInput): { kind: VerdictKind; text: string } {
  const mde = `den minsta förändring som dessa antal kan visa är ${pct(v.smallestDetectable)}`;
  if (v.weeks < 2 || !v.rateRatio) {
    const why = v.weeks < 2 ? `det finns bara ${v.weeks} hela veckor före och efter starten med data` : 'det finns inga anmälningar i målområdet eller kontrollområdet under en av perioderna';
    return { kind: 'too-little-data', text: `För lite data för att avgöra: ${why}; ${mde}.` };
  }
  const rr = v.rateRatio;
  const ci = `95 % KI ${rr.low.toFixed(2)}–${rr.high.toFixed(2)}`;
  const placebo =
    v.placeboP === null ? '' : v.placeboP < 0.05 ? ` Placebotestet stöder det (p = ${v.placeboP.toFixed(3)}).` : ` Men placebotestet visar att lika stora förändringar är vanliga på andra platser (p = ${v.placeboP.toFixed(2)}), så tolka det försiktigt.`;
  if (rr.high < 1) {
    return { kind: 'decrease', text: `Minskning: anmälningarna i målområdet blev ${pct(1 - rr.estimate)} färre jämfört med kontrollområdet under ${v.weeks} veckor (kvot ${rr.estimate.toFixed(2)}, ${ci}).${placebo}` };
  }
  if (rr.low > 1) {
    return { kind: 'increase', text: `Ökning: anmälningarna i målområdet blev ${pct(rr.estimate - 1)} fler jämfört med kontrollområdet under ${v.weeks} veckor (kvot ${rr.estimate.toFixed(2)}, ${ci}).${placebo}` };
  }
  if (v.smallestDetectable > v.hoped) {
    return { kind: 'too-little-data', text: `För lite data för att avgöra: ingen säker förändring (kvot ${rr.estimate.toFixed(2)}, ${ci}), men ${mde}, mer än de ${pct(v.hoped)} som insatsen hoppades på.` };
  }
  return { kind: 'no-effect', text: `Ingen säker effekt: kvoten ${rr.estimate.toFixed(2)} (${ci}) skiljer sig inte från 1, fast data räcker för att se en minskning på ${pct(v.smallestDetectable)} eller mer.` };
}
