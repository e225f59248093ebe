// A streaming RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, newlines inside
// quotes; the delimiter (',' or ';', common in Swedish exports) is sniffed from the header line.

export interface CsvRecord {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export function sniffDelimiter(headerLine: string): ',' | ';' | '\t' {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const tabs = count('\t');
  const semis = count(';');
  const commas = count(',');
  if (tabs > semis && tabs > commas) return '\t';
  return semis > commas ? ';' : ',';
}

/** Records from text chunks (the first record is the header). */
export async function* readCsv(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRecord> {
  let delimiter: string | undefined;
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quoteSeen = false; // the previous char was a quote inside a quoted field
  let line = 1;
  let recordLine = 1;
  let pendingHeader = '';
  let lastWasCr = false;

  for await (const chunk of chunks) {
    let text = chunk;
    if (delimiter === undefined) {
      pendingHeader += text;
      const nl = pendingHeader.indexOf('\n');
      if (nl < 0) continue;
      delimiter = sniffDelimiter(pendingHeader.slice(0, nl));
      text = pendingHeader;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte order mark
    }
    const out: CsvRecord[] = [];
    for (let i = 0; i < text.length; i++) {
      // Fast path: at the start of a record, a complete line without quotes splits directly.
      if (!inQuotes && field === '' && fields.length === 0 && !lastWasCr) {
        const nl = text.indexOf('\n', i);
        if (nl >= 0) {
          let end = nl;
          if (text.charCodeAt(end - 1) === 13) end--;
          const lineText = text.slice(i, end);
          if (!lineText.includes('"') && !lineText.includes('\r')) {
            if (lineText !== '') out.push({ line: recordLine, fields: lineText.split(delimiter) });
            line++;
            recordLine = line;
            i = nl;
            continue;
          }
        }
      }
      const ch = text[i]!;
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // fall through: ch follows the closing quote
        } else if (ch === '"') {
          quoteSeen = true;
          continue;
        } else {
          if (ch === '\n') line++;
          field += ch;
          continue;
        }
      }
      if (ch === '"' && field === '') {
        inQuotes = true;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\n' && lastWasCr) {
          lastWasCr = false; // the LF of a CRLF
          continue;
        }
        fields.push(field);
        out.push({ line: recordLine, fields });
        fields = [];
        field = '';
        line++;
        recordLine = line;
        lastWasCr = ch === '\r';
        continue;
      } else {
        field += ch;
      }
      lastWasCr = false;
    }
    for (const r of out) if (!(r.fields.length === 1 && r.fields[0] === '')) yield r;
  }
  if (delimiter === undefined && pendingHeader) {
    yield { line: 1, fields: pendingHeader.replace(/\r?\n?$/, '').split(sniffDelimiter(pendingHeader)) };
    return;
  }
  if (quoteSeen) inQuotes = false;
  if (field || fields.length) {
    fields.push(field);
    yield { line: recordLine, fields };
  }
}
