// The lägesbild as an A4 PDF, drawn by pdfkit in the server (no browser): title, week and
// dates, districts with their grade, key figures, a vector map (res-9 hex cells shaded by this
// week's reports, district outlines, main streets), the tables, the actions and the sources.
// Swedish; Noto Sans (from @fontsource/noto-sans, OFL) embedded; grey shades, outlines and words
// instead of colour alone, so it reads when printed in black and white.
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { cellToBoundary } from 'h3-js';
import type { Sql } from '../db/sql.ts';
import type { DistrictIndex } from '../domain/district-index.ts';
import { CATEGORIES } from '../domain/categories.ts';
import { PLACE_KINDS } from '../domain/est.ts';
import { INDICATORS } from '../domain/lagesbild-grade.ts';
import { mainStreets } from '../db/queries/lagesbild.ts';
import type { LagesbildDoc } from './lagesbild.ts';
import { woffToSfnt } from './woff-to-sfnt.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans/LICENSE')), 'files');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () => (fonts ??= { regular: woffToSfnt(readFileSync(join(fontDir, 'noto-sans-latin-400-normal.woff'))), bold: woffToSfnt(readFileSync(join(fontDir, 'noto-sans-latin-700-normal.woff'))) });

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const DAYS = ['Mån', 'Tis', 'Ons', 'Tor', 'Fre', 'Lör', 'Sön'];
export const GRADE_SV = { gron: 'Grön', gul: 'Gul', orange: 'Orange', rod: 'Röd' } as const;
export const CHANGE_SV = { rise: 'Ökning', fall: 'Minskning', none: '–' } as const;
export const HOTSPOT_SV = { new: 'Ny', intensifying: 'Tilltagande', persistent: 'Ihållande', fading: 'Avtagande' } as const;
const categorySv = (code: string) => CATEGORIES.find((c) => c.code === code)?.sv ?? code;
const placeKindSv = (code: string | null) => (code ? (PLACE_KINDS.find((p) => p.code === code)?.sv ?? code) : '–');
const longDate = (d: string) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
const localStamp = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const CONTENT_W = PAGE.width - 2 * PAGE.margin;

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(0.6).font('bold').fontSize(13).fillColor('black').text(text, PAGE.margin, doc.y, { width: CONTENT_W });
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, size = 9) {
  doc.font('regular').fontSize(size).fillColor('black').text(text, PAGE.margin, doc.y, { width: CONTENT_W });
}

function ensureSpace(doc: Doc, h: number) {
  if (doc.y + h > PAGE.height - PAGE.margin) doc.addPage();
}

/** A simple table: header row in bold on a light grey band, rows with hairlines; breaks pages. */
function table(doc: Doc, columns: { title: string; width: number; align?: 'left' | 'right' }[], rows: string[][], empty = 'Inga.') {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * CONTENT_W);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8);
    const h = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: widths[i]! - 6 }))) + 6;
    ensureSpace(doc, h + 2);
    const y = doc.y;
    if (bold) doc.rect(PAGE.margin, y, CONTENT_W, h).fill('#e6e6e6');
    let x = PAGE.margin;
    cells.forEach((t, i) => {
      doc.fillColor('black').font(bold ? 'bold' : 'regular').fontSize(8).text(t, x + 3, y + 3, { width: widths[i]! - 6, align: columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc.moveTo(PAGE.margin, y + h).lineTo(PAGE.margin + CONTENT_W, y + h).lineWidth(0.3).strokeColor('#777777').stroke();
    doc.x = PAGE.margin;
    doc.y = y + h;
  };
  drawRow(columns.map((c) => c.title), true);
  if (!rows.length) drawRow([empty, ...columns.slice(1).map(() => '')], false);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.3);
}

type Ring = [number, number][];

/** The map: districts' outlines, main streets, hex cells shaded by count (grey, with counts as text legend). */
function drawMap(doc: Doc, area: DistrictIndex, ldoc: LagesbildDoc, streets: { coords: [number, number][] }[]) {
  const shown = area.districts.filter((d) => ldoc.districts.some((x) => x.id === d.id));
  const rings: Ring[] = shown.flatMap((d) => (d.geometry.type === 'Polygon' ? [d.geometry.coordinates[0] as Ring] : d.geometry.coordinates.map((p) => p[0] as Ring)));
  if (!rings.length) return;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings) for (const [x, y] of r) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180); // equirectangular, true to scale at the centre
  const boxW = CONTENT_W;
  const boxH = 300;
  const scale = Math.min(boxW / ((maxX - minX) * kx), boxH / (maxY - minY));
  const ox = PAGE.margin + (boxW - (maxX - minX) * kx * scale) / 2;
  ensureSpace(doc, boxH + 40);
  const oy = doc.y;
  const px = (lon: number, lat: number): [number, number] => [ox + (lon - minX) * kx * scale, oy + (maxY - lat) * scale];
  const path = (ring: readonly (readonly [number, number])[]) => {
    ring.forEach(([lon, lat], i) => {
      const [x, y] = px(lon, lat);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
  };
  doc.save();
  doc.rect(PAGE.margin, oy, boxW, boxH).clip();
  const max = Math.max(1, ...ldoc.cells.map((c) => c.count));
  for (const c of ldoc.cells) {
    const ring = cellToBoundary(c.cell, true) as [number, number][];
    const shade = Math.round(235 - (c.count / max) * 185); // light grey → dark grey
    const hex = shade.toString(16).padStart(2, '0');
    path(ring);
    doc.closePath().fillAndStroke(`#${hex}${hex}${hex}`, '#555555');
  }
  doc.lineWidth(0.6);
  for (const s of streets) {
    path(s.coords);
    doc.strokeColor('#333333').dash(2.5, { space: 1.5 }).stroke().undash();
  }
  doc.lineWidth(1.6).strokeColor('black');
  for (const r of rings) {
    path(r);
    doc.closePath().stroke();
  }
  doc.restore();
  doc.rect(PAGE.margin, oy, boxW, boxH).lineWidth(0.5).strokeColor('#000000').stroke();
  doc.y = oy + boxH + 4;
  paragraph(doc, `Karta: hexagoner (H3 upplösning 9) skuggade efter veckans rapporter (mörkast = ${max}); heldragen linje = områdesgräns; streckad = större gator. Kartdata © OpenStreetMaps bidragsgivare.`, 7.5);
}

function heatGrid(doc: Doc, title: string, values: readonly number[]) {
  const cellW = (CONTENT_W - 30) / 24;
  const cellH = 9;
  ensureSpace(doc, 7 * cellH + 26);
  doc.font('bold').fontSize(8).text(title, PAGE.margin, doc.y);
  const top = doc.y + 2;
  const max = Math.max(1e-9, ...values);
  for (let d = 0; d < 7; d++) {
    doc.font('regular').fontSize(6.5).fillColor('black').text(DAYS[d]!, PAGE.margin, top + d * cellH + 1, { width: 28 });
    for (let h = 0; h < 24; h++) {
      const v = values[d * 24 + h] ?? 0;
      const shade = Math.round(255 - (v / max) * 200).toString(16).padStart(2, '0');
      doc.rect(PAGE.margin + 30 + h * cellW, top + d * cellH, cellW, cellH).lineWidth(0.2).fillAndStroke(`#${shade}${shade}${shade}`, '#999999');
    }
  }
  doc.fillColor('black');
  for (let h = 0; h < 24; h += 3) doc.font('regular').fontSize(6).text(String(h).padStart(2, '0'), PAGE.margin + 30 + h * cellW, top + 7 * cellH + 1);
  doc.x = PAGE.margin;
  doc.y = top + 7 * cellH + 10;
}

export async function renderLagesbildPdf(sql: Sql, area: DistrictIndex, ldoc: LagesbildDoc): Promise<Buffer> {
  const f = loadFonts();
  const streets = await mainStreets(sql, ldoc.districts.map((d) => d.id));
  const stamp = new Date(ldoc.frozenAt ?? ldoc.generatedAt);
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, info: { Title: `Lägesbild ${ldoc.week}`, Author: 'Trygghetskartan', CreationDate: stamp, ModDate: stamp }, lang: 'sv-SE', bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);

  const names = ldoc.districts.map((d) => d.name).join(', ');
  const [year, wk] = ldoc.week.split('-W');
  doc.font('bold').fontSize(20).text(`Lägesbild vecka ${Number(wk)}, ${year}`);
  doc.font('regular').fontSize(11).text(`${longDate(ldoc.monday)} – ${longDate(ldoc.sunday)} · ${names}`);
  doc.fontSize(9).text(ldoc.frozenAt ? `Fastställd vid EST-mötet ${localStamp(ldoc.frozenAt)} (arkiverad, ändras inte).` : `Utkast, data t.o.m. ${localStamp(ldoc.generatedAt)}.`);

  heading(doc, 'Läge per område');
  table(
    doc,
    [{ title: 'Område', width: 2 }, { title: 'Läge', width: 1.2 }, { title: 'Rapporter', width: 1.2, align: 'right' }, { title: 'Snitt 8 v.', width: 1.2, align: 'right' }, { title: 'Otrygghet', width: 1.2, align: 'right' }, { title: 'Ökningar', width: 1.2, align: 'right' }],
    ldoc.districts.map((d) => {
      const g = ldoc.grades.find((x) => x.district === d.id);
      const t = ldoc.totals.find((x) => x.district === d.id);
      return [d.name, g ? GRADE_SV[g.grade] : '–', String(t?.count ?? 0), String(t?.baseline ?? 0), String(ldoc.otrygghet.find((x) => x.district === d.id)?.count ?? 0), String(ldoc.changes.filter((c) => c.district === d.id && c.change === 'rise').length)];
    }),
  );

  heading(doc, 'Karta');
  drawMap(doc, area, ldoc, streets);

  const nameOf = (id: string) => ldoc.districts.find((d) => d.id === id)?.name ?? id;
  heading(doc, 'Nyckeltal: rapporter per kategori mot snittet av 8 veckor');
  table(
    doc,
    [{ title: 'Område', width: 1.6 }, { title: 'Kategori', width: 2.4 }, { title: 'Veckan', width: 1, align: 'right' }, { title: 'Snitt', width: 1, align: 'right' }, { title: 'p (E-test)', width: 1.2, align: 'right' }, { title: 'Förändring', width: 1.4 }],
    ldoc.changes.map((c) => [nameOf(c.district), categorySv(c.category), String(c.count), c.baseline.toFixed(1), c.p < 0.001 ? '< 0,001' : c.p.toFixed(3).replace('.', ','), CHANGE_SV[c.change]]),
  );
  paragraph(doc, 'Förändring markeras bara när E-testet (Krishnamoorthy & Thomson 2004) är signifikant efter FDR 5 % över alla områden och kategorier, en ökning har minst 5 rapporter och skillnaden är minst 3.', 7.5);

  heading(doc, 'Veckodag och timme');
  for (const p of ldoc.pattern) {
    heatGrid(doc, `${nameOf(p.district)}: veckan`, p.week);
    heatGrid(doc, `${nameOf(p.district)}: snitt 8 veckor`, p.baseline);
  }

  heading(doc, 'Brännpunkter');
  table(doc, [{ title: 'Område', width: 1.5 }, { title: 'Typ', width: 1.3 }, { title: 'Plats', width: 4 }, { title: 'Veckan', width: 1, align: 'right' }], ldoc.hotspots.map((h) => [nameOf(h.district), HOTSPOT_SV[h.kind], h.place, String(h.series.at(-1) ?? 0)]));

  heading(doc, 'Närvaro mot behov');
  table(
    doc,
    [{ title: 'Område', width: 1.6 }, { title: 'Närvaro (h)', width: 1.2, align: 'right' }, { title: 'Andel närvaro', width: 1.3, align: 'right' }, { title: 'Andel rapporter', width: 1.3, align: 'right' }, { title: 'Team', width: 3 }],
    ldoc.presence.map((p) => [nameOf(p.district), (p.minutes / 60).toFixed(1), `${Math.round(p.presenceShare * 100)} %`, `${Math.round(p.needShare * 100)} %`, p.teams.map((t) => `${t.team} ${(t.minutes / 60).toFixed(1)} h`).join(', ') || '–']),
  );

  heading(doc, 'Partnernas rapporter');
  table(doc, [{ title: 'Område', width: 1.5 }, { title: 'Organisation', width: 3 }, { title: 'Rapporter', width: 1, align: 'right' }, { title: 'Skapar otrygghet', width: 1.4, align: 'right' }], ldoc.partners.map((p) => [nameOf(p.district), p.name, String(p.reports), String(p.otrygghet)]));

  heading(doc, 'Rapporter som bedömts skapa otrygghet');
  table(
    doc,
    [{ title: 'Område', width: 1.3 }, { title: 'Kategori', width: 2 }, { title: 'Typ av plats', width: 1.3 }, { title: 'Plats', width: 2.6 }, { title: 'Från', width: 1.6 }],
    ldoc.otrygghet.flatMap((o) => o.reports.slice(0, 40).map((r) => [nameOf(o.district), categorySv(r.category), placeKindSv(r.placeKind), r.place, r.organisation ?? '–'])),
  );

  heading(doc, 'Åtgärder');
  table(
    doc,
    [{ title: 'Åtgärd', width: 3 }, { title: 'Var', width: 2 }, { title: 'Ansvar', width: 2 }, { title: 'Klart senast', width: 1.3 }, { title: 'Status', width: 1.3 }, { title: 'Rapporter sedan', width: 1.2, align: 'right' }],
    ldoc.actions.map((a) => [a.what, a.place ?? (a.cells.length ? `${a.cells.length} celler` : nameOf(a.district)), [a.organisation, a.responsiblePerson].filter(Boolean).join(', ') || '–', a.dueDate ?? '–', a.statusLabel, String(a.since.count)]),
    'Inga öppna eller nya åtgärder.',
  );

  heading(doc, 'Checklista för läget');
  table(
    doc,
    [{ title: 'Område', width: 1.3 }, { title: 'Indikator', width: 3.2 }, { title: 'Värde', width: 0.9, align: 'right' }, { title: 'Gul/Orange/Röd från', width: 1.8 }, { title: 'Nivå', width: 1 }],
    ldoc.grades.flatMap((g) => g.indicators.map((i) => [nameOf(g.district), INDICATORS[i.id].sv, String(i.value).replace('.', ','), `${i.thresholds.gul} / ${i.thresholds.orange} / ${i.thresholds.rod}`, GRADE_SV[i.level]])),
  );

  const analyses = ldoc.analysis.filter((a) => a.text.trim());
  if (analyses.length) {
    heading(doc, 'Analys');
    for (const a of analyses) paragraph(doc, `${nameOf(a.district)}: ${a.text}`);
  }

  heading(doc, 'Källor och begränsningar');
  const seen = new Set<string>();
  for (const s of ldoc.sources) {
    if (seen.has(s.sv)) continue;
    seen.add(s.sv);
    paragraph(doc, `• ${s.sv}`, 8);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // the footer sits in the margin: no automatic page break
    doc.font('regular').fontSize(7).fillColor('black').text(`Lägesbild ${ldoc.week} · ${names} · sida ${i + 1} av ${range.count}`, PAGE.margin, PAGE.height - 28, { width: CONTENT_W, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
