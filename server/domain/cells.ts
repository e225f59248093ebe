// H3 cells on the wire (hex strings) and in the database (63-bit integers as decimal strings).
import { latLngToCell, isValidCell } from 'h3-js';

/** Resolution at which every report is indexed (~15,000 m² hexagons, ~66 m edge). */
export const REPORT_RES = 10;

export function cellToBigint(cell: string): string {
  return BigInt(`0x${cell}`).toString();
}

export function bigintToCell(value: string | bigint): string {
  return BigInt(value).toString(16);
}

export function reportCell(lat: number, lon: number): string {
  return latLngToCell(lat, lon, REPORT_RES);
}

export function isCell(value: string): boolean {
  return /^[0-9a-f]{15,16}$/i.test(value) && isValidCell(value.toLowerCase());
}
