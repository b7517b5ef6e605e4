/**
 * The periodic report as one printable HTML page: the same header, title,
 * sections and tables as the DOCX, with A4 print CSS. Places to write are
 * dotted boxes. Every piece of data is escaped: task contents come from people.
 */
import type { ReportData } from '../report-data.js';
import {
  ANNEX_01B_LABEL,
  ANNEX_HEADERS,
  ANNEX_SOURCE_LABELS,
  DOCUMENT_KIND,
  MOTTO,
  NATIONAL_TITLE,
  RECIPIENTS_LABEL,
  TASK_TABLE_HEADERS,
  TASK_TABLE_TITLE,
  annex01bTitle,
  annexValueText,
  attachedToText,
  bodyBlocks,
  dataWindowText,
  datelineText,
  documentNumberLine,
  generatedAtText,
  introText,
  isAnnexGroup,
  phuLucGroups,
  planCitation,
  recipients,
  reportSubject,
  signature,
  taskTableCells,
  taskTableTotal,
  unitNames,
  vnDate,
  type Block,
  type Inline,
} from './report-text.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** Escaped text whose line breaks stay line breaks. */
function lines(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

function inline(r: Inline): string {
  let html = lines(r.text);
  if (r.italic) html = `<em>${html}</em>`;
  if (r.bold) html = `<strong>${html}</strong>`;
  return html;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? `<h2>${lines(b.text)}</h2>` : `<h3>${lines(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${b.runs.map(inline).join('')}</p>`;
    case 'item':
      return `<p class="item">${b.runs.map(inline).join('')}</p>`;
    case 'placeholder':
      return `<p class="to-write">${lines(b.text)}</p>`;
  }
}

const CSS = `
@page { size: A4 portrait; margin: 20mm 20mm 20mm 30mm; }
* { box-sizing: border-box; }
html { background: #e8e8e8; }
body { margin: 0; font-family: "Times New Roman", Times, "Liberation Serif", Tinos, serif; font-size: 13pt; line-height: 1.3; color: #000; }
.page { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 20mm 20mm 20mm 30mm; background: #fff; box-shadow: 0 0 4px rgba(0,0,0,.3); }
table.layout { width: 100%; border-collapse: collapse; }
table.layout td { vertical-align: top; text-align: center; padding: 0; }
.header .left { width: 37.5%; }
.header .strong { font-weight: bold; }
.rule { display: block; height: 0; border-top: 1px solid #000; margin: 1pt auto 0; }
.rule.unit { width: 20mm; }
.rule.motto { width: 58mm; }
.rule.title { width: 35mm; margin: 3pt auto 12pt; }
.number { margin-top: 4pt; }
.dateline { margin-top: 4pt; font-style: italic; }
.title { text-align: center; font-weight: bold; font-size: 14pt; margin: 18pt 0 0; }
.subject { text-align: center; font-weight: bold; font-size: 14pt; margin: 0; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 10mm; }
p.window { font-style: italic; }
h2, h3 { font-size: 13pt; font-weight: bold; margin: 6pt 0 6pt; text-indent: 10mm; text-align: justify; page-break-after: avoid; }
h2 { margin-top: 10pt; }
p.to-write { font-style: italic; color: #444; border: 1.5px dotted #777; background: #fffbe0; padding: 4pt 6pt; min-height: 3.2em; text-indent: 0; }
.signature td { padding-top: 8pt; }
.signature .recipients { text-align: left; width: 47%; }
.recipients .label { font-size: 12pt; font-weight: bold; font-style: italic; }
.recipients div { font-size: 11pt; }
.signature .sign div { font-weight: bold; }
.signature .space { height: 26mm; }
.attachment { page-break-before: always; break-before: page; }
.attachment .page-break { height: 0; }
.attachment h1 { font-size: 13pt; text-align: center; margin: 0; }
.attachment .label { text-align: center; font-weight: bold; margin: 0; }
.attachment .sub { text-align: center; font-style: italic; margin: 0; text-indent: 0; }
.attachment .sub:last-of-type { margin-bottom: 8pt; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 12pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1.5pt 2pt; overflow-wrap: break-word; vertical-align: middle; text-align: left; }
table.grid th { background: #d9d9d9; text-align: center; }
table.grid thead { display: table-header-group; }
table.grid tr { page-break-inside: avoid; }
table.grid tr.group td { background: #f2f2f2; font-weight: bold; }
table.grid tr.total td { font-weight: bold; }
table.grid td.c { text-align: center; }
table.grid td.nowrap { white-space: nowrap; }
table.grid tr.annex-group td { font-weight: bold; }
.meta { font-size: 10pt; color: #666; text-align: center; margin: 4mm 0; text-indent: 0; }
@media print {
  html { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .meta { display: none; }
  p.to-write { background: none; }
}
`;

function headerHtml(data: ReportData): string {
  const names = unitNames(data.unit.name);
  return `<table class="layout header"><tr>
<td class="left"><div class="strong">${escapeHtml(names.authority)}</div><div class="strong">${escapeHtml(names.unitLine)}</div><span class="rule unit"></span><div class="number">${escapeHtml(documentNumberLine())}</div></td>
<td class="right"><div class="strong">${escapeHtml(NATIONAL_TITLE)}</div><div class="strong">${escapeHtml(MOTTO)}</div><span class="rule motto"></span><div class="dateline">${escapeHtml(datelineText(data))}</div></td>
</tr></table>`;
}

function signatureHtml(data: ReportData): string {
  const sig = signature(data);
  return `<table class="layout signature"><tr>
<td class="recipients"><div class="label">${escapeHtml(RECIPIENTS_LABEL)}</div>${recipients(data)
    .map((r) => `<div>${escapeHtml(r)}</div>`)
    .join('')}</td>
<td class="sign"><div>${escapeHtml(sig.onBehalf)}</div>${sig.titleLines.map((l) => `<div>${escapeHtml(l)}</div>`).join('')}<div class="space"></div><div>${escapeHtml(sig.name)}</div></td>
</tr></table>`;
}

function taskTableHtml(data: ReportData): string {
  const span = TASK_TABLE_HEADERS.length;
  const body: string[] = [];
  for (const g of phuLucGroups(data)) {
    body.push(`<tr class="group"><td colspan="${span}">${escapeHtml(g.heading)}</td></tr>`);
    for (const t of g.tasks) {
      const cells = taskTableCells(t);
      body.push(
        `<tr data-task-id="${t.taskId}" class="status-${t.status.replace(/_/g, '-')}">` +
          cells.map((v, i) => `<td${i === 0 || i === 3 || i === 5 ? ' class="c nowrap"' : ''}>${lines(v)}</td>`).join('') +
          '</tr>',
      );
    }
  }
  body.push(`<tr class="total"><td colspan="${span}">${escapeHtml(taskTableTotal(data.figures))}</td></tr>`);
  // millimetres of the 160 mm between the margins; a date needs 19.3 mm at 12 pt
  const widths = ['8mm', '42mm', '26.5mm', '21mm', '20mm', '21mm', '21.5mm'];
  return `<table class="grid tasks"><colgroup>${widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>
<thead><tr>${TASK_TABLE_HEADERS.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody></table>`;
}

function annexTableHtml(data: ReportData): string {
  const rows = data.annex01b.map(
    (r) =>
      `<tr class="${isAnnexGroup(r) ? 'annex-group' : ''}" data-code="${escapeHtml(r.code)}" title="${escapeHtml(ANNEX_SOURCE_LABELS[r.source])}">` +
      `<td class="c">${escapeHtml(r.code)}</td><td>${lines(r.label)}</td><td class="c">${escapeHtml(r.unit ?? '')}</td>` +
      `<td class="c">${lines(annexValueText(r))}</td><td></td></tr>`,
  );
  const widths = ['15mm', '75mm', '26mm', '28mm', '16mm'];
  return `<table class="grid annex"><colgroup>${widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>
<thead><tr>${ANNEX_HEADERS.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

export function reportHtml(data: ReportData): string {
  const subject = reportSubject(data.period);
  const names = unitNames(data.unit.name);
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${DOCUMENT_KIND} ${subject} — ${names.shortName}`)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
${headerHtml(data)}
<div class="title">${escapeHtml(DOCUMENT_KIND)}</div>
<div class="subject">${escapeHtml(subject)}</div>
<span class="rule title"></span>
<p>${escapeHtml(introText(data))}</p>
<p class="window">${escapeHtml(dataWindowText(data.period))}</p>
${bodyBlocks(data).map(block).join('\n')}
${signatureHtml(data)}
</div>
<div class="page attachment">
<h1>${escapeHtml(TASK_TABLE_TITLE)}</h1>
<p class="sub">${escapeHtml(planCitation(data))}</p>
<p class="sub">${escapeHtml(dataWindowText(data.period))}</p>
<p class="sub">${escapeHtml(attachedToText(data))}</p>
${taskTableHtml(data)}
</div>
<div class="page attachment">
<p class="label">${escapeHtml(ANNEX_01B_LABEL)}</p>
<h1>${escapeHtml(annex01bTitle(data))}</h1>
<p class="sub">${escapeHtml(`Số liệu tính đến ngày ${vnDate(data.period.cutoff)}`)}</p>
<p class="sub">${escapeHtml(attachedToText(data))}</p>
${annexTableHtml(data)}
</div>
<p class="meta">${escapeHtml(`Số liệu phiên bản ${data.version}, lập lúc ${generatedAtText(data.generatedAt)} bởi ${data.generatedBy}.`)}</p>
</body>
</html>
`;
}
