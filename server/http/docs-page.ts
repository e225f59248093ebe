// A readable, script-free HTML page generated from the OpenAPI document (works offline).

type Json = Record<string, unknown>;

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function schemaText(schema: unknown): string {
  return esc(JSON.stringify(schema, null, 2));
}

export function renderDocsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters as Json[] | undefined) ?? [];
      const body = op.requestBody as Json | undefined;
      const responses = op.responses as Record<string, Json>;
      sections.push(`<section id="${esc(op.operationId)}">
<h2><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
${params.length ? `<h3>Parameters</h3><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th>description</th></tr>${params
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td><td>${esc(p.description ?? '')}</td></tr>`)
        .join('')}</table>` : ''}
${body ? `<h3>Request body</h3><pre>${schemaText(body.content)}</pre>` : ''}
<h3>Responses</h3><ul>${Object.entries(responses)
        .map(([s, r]) => `<li><b>${esc(s)}</b> ${esc(r.description)}${r.content ? `<details><summary>schema</summary><pre>${schemaText(r.content)}</pre></details>` : ''}</li>`)
        .join('')}</ul></section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} API</title>
<link rel="stylesheet" href="/api/docs.css"></head><body>
<header><h1>${esc(info.title)} API <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p></header>
<nav><ul>${Object.entries(paths)
    .flatMap(([p, ms]) => Object.entries(ms).map(([m, op]) => `<li><a href="#${esc(op.operationId)}">${esc(m.toUpperCase())} ${esc(p)}</a></li>`))
    .join('')}</ul></nav><main>${sections.join('\n')}</main></body></html>`;
}

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;grid-template-columns:18rem 1fr;color:#1f2937}
header{grid-column:1/3;padding:1rem 2rem;background:#0f3d5e;color:#fff}header a{color:#cde}
nav{padding:1rem;border-right:1px solid #ddd}nav ul{list-style:none;padding:0;font-size:13px}
main{padding:1rem 2rem;max-width:70rem}section{border-bottom:1px solid #eee;padding-bottom:1rem}
.m{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:2px 6px}
.m-get{background:#2563eb}.m-post{background:#16a34a}.m-put,.m-patch{background:#d97706}.m-delete{background:#dc2626}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px}`;
