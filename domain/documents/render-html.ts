// The print view of a document: an A4 page laid out like an official document (title, 文号, addressee, body,
// issuer, date, seal), with a print stylesheet that leaves the toolbar off paper. Pure: returns HTML text.
import { formatChineseDate } from './chinese-format';
import type { OfficialDocument } from './types';
import type { Signature } from './rules';

export interface PrintInfo {
  status: 'draft' | 'signed' | 'issued' | 'superseded';
  version: number;
  signatures: Signature[];
  sealedBy?: string | null;
  replaces?: { number: string | null; version: number; reason: string } | null;
  links?: { pdf: string; back: string };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STATUS_LABELS: Record<PrintInfo['status'], string> = {
  draft: '草稿（未签发，不得送达）',
  signed: '已签名，待盖章签发',
  issued: '已签发',
  superseded: '已被更正版本取代',
};

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; \
font-size: 16pt; line-height: 1.75; color: #000; margin: 0; }
.toolbar { font-family: sans-serif; font-size: 11pt; background: #f3f4f6; padding: 8px 16px; \
border-bottom: 1px solid #ccc; }
.toolbar a { margin-right: 16px; }
.page { max-width: 156mm; margin: 24px auto; position: relative; }
h1 { font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 12pt; letter-spacing: 1pt; }
.number { text-align: center; margin-bottom: 16pt; }
.draft { text-align: center; color: #b91c1c; font-size: 12pt; }
p { text-indent: 2em; margin: 0; }
p.addressee { text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 12pt 0; font-size: 14pt; }
td { border: 1px solid #000; padding: 4pt 8pt; vertical-align: top; }
td.label { width: 38%; }
.issuer { margin-top: 36pt; text-align: right; padding-right: 2em; position: relative; min-height: 90pt; }
.seal { position: absolute; right: 1em; top: -20pt; width: 120pt; height: 120pt; border: 3pt solid #d00; \
border-radius: 50%;
  color: #d00; text-align: center; font-size: 10pt; line-height: 1.3; display: flex; flex-direction: column; \
justify-content: center; opacity: 0.85; }
.seal .star { font-size: 22pt; }
.meta { font-size: 11pt; margin-top: 24pt; border-top: 1px solid #000; padding-top: 6pt; }
.meta p { text-indent: 0; }
@media print {
  .toolbar, nav, .no-print { display: none !important; }
  .page { margin: 0; max-width: none; }
}`;

export function renderDocumentHtml(doc: OfficialDocument, info: PrintInfo): string {
  const row = (r: { label: string; value: string }) =>
    `<tr><td class="label">${esc(r.label)}</td><td>${esc(r.value)}</td></tr>`;
  const rows = doc.rows?.length ? `<table>${doc.rows.map((r) => row(r)).join('')}</table>` : '';
  const attachments = doc.attachments.length
    ? `<p>附件：${doc.attachments.map((a, i) => `${i + 1}. ${esc(a)}`).join('<br>')}</p>`
    : '';
  const seal =
    info.status === 'issued' || (info.status === 'superseded' && info.sealedBy)
      ? `<div class="seal" aria-label="印章"><span>${esc(doc.issuer)}</span><span class="star">★</span>` +
        `<span>${esc(doc.number ?? '')}</span></div>`
      : '';
  const links = info.links
    ? `<div class="toolbar no-print"><a href="${esc(info.links.back)}">返回案件</a>` +
      `<a href="${esc(info.links.pdf)}">下载PDF</a>` +
      `<span>打印：使用浏览器的打印功能（Ctrl+P），导航栏不会打印。</span></div>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">\
<title>${esc(doc.title)}${doc.number ? `（${esc(doc.number)}）` : ''}</title><style>${CSS}</style></head><body>
${links}<main class="page">
${info.status === 'issued' ? '' : `<div class="draft">${STATUS_LABELS[info.status]}</div>`}
<h1>${esc(doc.title)}</h1>
<div class="number">${doc.number ? esc(doc.number) : '文号：签发时编号'}</div>
${doc.addressee ? `<p class="addressee">${esc(doc.addressee)}：</p>` : ''}
${doc.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${rows}${attachments}
<div class="issuer">${seal}<div>${esc(doc.issuer)}</div>\
<div>${doc.date ? formatChineseDate(doc.date) : '　　年　　月　　日'}</div></div>
${doc.copiedTo?.length ? `<p class="addressee">抄送：${doc.copiedTo.map(esc).join('，')}</p>` : ''}
<div class="meta"><p>法律依据：${doc.legalBasis.map(esc).join('；')}</p>
<p>执法人员签名：${info.signatures.map((s) => `${esc(s.name)}（${esc(s.at.slice(0, 10))}）`).join('、') || '尚无'}</p>
${
  info.replaces
    ? `<p>本文书为第${info.version}版，更正并取代${esc(info.replaces.number ?? '未编号草稿')}\
（第${info.replaces.version}版），更正理由：${esc(info.replaces.reason)}</p>`
    : ''
}</div>
</main></body></html>`;
}
