// Builds geodata/linkoping/districts.geojson (Skäggetorp from SCB DeSO areas) and
// geodata/linkoping/deso.geojson (the DeSO areas with their population) from SCB's DeSO file.
//
//   npx tsx geodata/build-linkoping.ts [DESO.geojson]
//
// Default input: ../shared/geodata-raw/deso2025_linkoping_berga_ryd_skaggetorp.geojson (SCB DeSO
// 2025, CC0). Rerun it with a newer SCB release: Berga and Ryd keep their detailed RegSO polygons
// from districts.geojson; Skäggetorp becomes the union of SKAGGETORP_DESO, cut against them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import { areaM2, districtFromDeso, overlapM2, type AreaGeometry } from '../server/geodata/district-from-deso.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DEFAULT_DESO = here('../../shared/geodata-raw/deso2025_linkoping_berga_ryd_skaggetorp.geojson');
const DISTRICTS = here('./linkoping/districts.geojson');
const DESO_OUT = here('./linkoping/deso.geojson');

/** The residential Skäggetorp: four DeSOs of RegSO 0580R018 "Skäggetorp-Tornby" (0580C1670, Tornby and the outskirts, stays out). */
export const SKAGGETORP_DESO = ['0580C1610', '0580C1630', '0580C1660', '0580C1680'];
/** Districts whose DeSOs are all those of one RegSO. */
const DISTRICT_OF_REGSO: Record<string, string> = { '0580R001': 'berga', '0580R017': 'ryd' };

interface DesoProps {
  desokod: string;
  regsokod: string;
  regsonamn: string;
  population: number;
  source: string;
}

function districtOf(p: DesoProps): string | null {
  if (SKAGGETORP_DESO.includes(p.desokod)) return 'skaggetorp';
  return DISTRICT_OF_REGSO[p.regsokod] ?? null;
}

function main() {
  const desoFile = process.argv[2] ?? DEFAULT_DESO;
  const raw = JSON.parse(readFileSync(desoFile, 'utf8')) as FeatureCollection<AreaGeometry, DesoProps> & { metadata?: Record<string, string> };
  const districts = JSON.parse(readFileSync(DISTRICTS, 'utf8')) as FeatureCollection<AreaGeometry, Record<string, unknown>> & { name?: string };
  const neighbours = districts.features.filter((f) => f.properties.id !== 'skaggetorp');

  const parts = raw.features.filter((f) => SKAGGETORP_DESO.includes(f.properties.desokod));
  if (parts.length !== SKAGGETORP_DESO.length) throw new Error(`${desoFile} lacks some of ${SKAGGETORP_DESO.join(', ')}`);
  const geometry = districtFromDeso(parts.map((f) => f.geometry), neighbours.map((f) => f.geometry));
  const residents = parts.reduce((s, f) => s + f.properties.population, 0);
  const union = parts.reduce((s, f) => s + areaM2(f.geometry), 0);
  const meta = raw.metadata ?? {};
  const provenance = meta.source_repo ? `github.com/${meta.source_repo} ${meta.source_file ?? ''} @ ${meta.source_commit ?? ''}`.trimEnd() : '';
  const skaggetorp: Feature<AreaGeometry> = {
    type: 'Feature',
    properties: {
      id: 'skaggetorp',
      name: 'Skäggetorp',
      approximate: false,
      regso_code: '0580R018',
      deso_codes: SKAGGETORP_DESO,
      source: `SCB DeSO 2025 (${SKAGGETORP_DESO.join(', ')}) of RegSO 0580R018 Skäggetorp-Tornby, without 0580C1670 (Tornby)${provenance ? ` via ${provenance}` : ''}; cut against Ryd and Berga`,
      licence: 'CC0 1.0',
      attribution: 'Källa: SCB',
    },
    geometry,
  };
  const features = [...neighbours, skaggetorp].sort((a, b) => String(a.properties?.id).localeCompare(String(b.properties?.id)));
  writeFileSync(DISTRICTS, `${JSON.stringify({ type: 'FeatureCollection', name: districts.name ?? 'linkoping_districts', features })}\n`);

  const deso = {
    type: 'FeatureCollection',
    name: 'linkoping_deso',
    metadata: {
      source: 'SCB, Demografiska statistikområden (DeSO) 2025 and RegSO 2025; population: SCB TAB6574, newest period 2025',
      via: provenance || desoFile,
      licence: 'CC0 1.0',
      attribution: 'Källa: SCB',
      note: 'Simplified by the source (~0.0015°, ≈ 100 m); neighbouring areas may overlap or leave slivers. district: the project district the area belongs to (null: outside the three districts).',
    },
    features: raw.features.map((f) => ({
      type: 'Feature',
      properties: { code: f.properties.desokod, regso: f.properties.regsokod, regso_name: f.properties.regsonamn, district: districtOf(f.properties), population: f.properties.population, source: f.properties.source },
      geometry: f.geometry,
    })),
  };
  writeFileSync(DESO_OUT, `${JSON.stringify(deso, null, 1)}\n`);

  const km2 = (m2: number) => `${(m2 / 1e6).toFixed(3)} km²`;
  console.log(`Skäggetorp: ${residents} residents, ${km2(areaM2(geometry))} (DeSO sum ${km2(union)}), ${geometry.type}`);
  for (const n of neighbours) console.log(`  overlap with ${String(n.properties.name)}: ${overlapM2(geometry, n.geometry).toFixed(3)} m²`);
  console.log(`Wrote ${DISTRICTS} and ${DESO_OUT} (${deso.features.length} DeSO areas).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
