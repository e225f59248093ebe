// A minimal streaming XML tag scanner: enough for OpenStreetMap XML (elements and attributes;
// text, comments, processing instructions and CDATA are skipped). Chunks may split anywhere.

export interface XmlTag {
  name: string;
  /** `</name>` */
  isClosing: boolean;
  /** `<name … />` */
  isSelfClosing: boolean;
  /** The raw text between the name and the closing bracket; read it with parseXmlAttributes. */
  rawAttrs: string;
}

const ATTR_RE = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return NAMED[e] ?? '';
  });
}

export function parseXmlAttributes(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of raw.matchAll(ATTR_RE)) attrs.set(m[1]!, decodeXmlEntities(m[2] ?? m[3] ?? ''));
  return attrs;
}

const attrPatterns = new Map<string, RegExp>();

/** One attribute's decoded value (or undefined): cheaper than parseXmlAttributes on hot tags. */
export function readXmlAttribute(raw: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(raw);
  return m ? decodeXmlEntities(m[1] ?? m[2] ?? '') : undefined;
}

/** Feeds text chunks in order; calls onTag for every start, end and empty-element tag. */
export class XmlTagScanner {
  private rest = '';

  constructor(private readonly onTag: (tag: XmlTag) => void) {}

  push(chunk: string): void {
    const buf = this.rest + chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        pos = buf.length;
        break;
      }
      const end = this.tagEnd(buf, lt);
      if (end < 0) {
        pos = lt;
        break;
      }
      this.emit(buf, lt, end);
      pos = end + 1;
    }
    this.rest = buf.slice(pos);
  }

  /** Throws when the input stopped inside a tag. */
  end(): void {
    if (this.rest.trim() !== '') throw new Error('XML ends inside a tag');
  }

  /** Index of the '>' closing the markup starting at lt, or -1 when it is not in buf yet. */
  private tagEnd(buf: string, lt: number): number {
    if (buf.startsWith('<!--', lt)) return endAfter(buf, '-->', lt + 4);
    if (buf.startsWith('<![CDATA[', lt)) return endAfter(buf, ']]>', lt + 9);
    if (buf.length - lt < 9 && '<![CDATA['.startsWith(buf.slice(lt))) return -1;
    let quote = 0;
    for (let i = lt + 1; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (c === 62) {
        return i;
      }
    }
    return -1;
  }

  private emit(buf: string, lt: number, gt: number): void {
    const first = buf.charCodeAt(lt + 1);
    if (first === 33 || first === 63) return; // <!…> and <?…?>
    const isClosing = first === 47;
    const isSelfClosing = buf.charCodeAt(gt - 1) === 47;
    const inner = buf.slice(isClosing ? lt + 2 : lt + 1, isSelfClosing ? gt - 1 : gt);
    const m = /^[^\s/>]+/.exec(inner);
    if (!m) return;
    this.onTag({ name: m[0], isClosing, isSelfClosing, rawAttrs: inner.slice(m[0].length) });
  }
}

function endAfter(buf: string, marker: string, from: number): number {
  const i = buf.indexOf(marker, from);
  return i < 0 ? -1 : i + marker.length - 1;
}
