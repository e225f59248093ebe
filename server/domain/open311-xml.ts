// A small XML writer for Open311 GeoReport v2 bodies: objects become elements in key order,
// lists repeat one child element, null becomes an empty element, text is escaped.

export type XmlValue = string | number | boolean | null | undefined | XmlList | XmlObject;
export interface XmlObject {
  [name: string]: XmlValue;
}
export interface XmlList {
  /** Name of each repeated child element. */
  itemTag: string;
  items: readonly XmlValue[];
}

export function xmlList(itemTag: string, items: readonly XmlValue[]): XmlList {
  return { itemTag, items };
}

function isList(v: XmlValue): v is XmlList {
  return typeof v === 'object' && v !== null && 'itemTag' in v && Array.isArray((v as XmlList).items);
}

export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);
}

function element(tag: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value === null) return `<${tag}/>`;
  if (isList(value)) return `<${tag}>${value.items.map((i) => element(value.itemTag, i)).join('')}</${tag}>`;
  if (typeof value === 'object') return `<${tag}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${tag}>`;
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** A whole document: `<?xml …?><rootTag><itemTag>…</itemTag>…</rootTag>`. */
export function toXmlDocument(rootTag: string, itemTag: string, items: readonly XmlValue[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(rootTag, xmlList(itemTag, items))}\n`;
}

/** A document whose root is one object, e.g. `<service_definition>…</service_definition>`. */
export function toXmlObjectDocument(rootTag: string, value: XmlObject): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(rootTag, value)}\n`;
}
