// A document as an A4 PDF laid out in the spirit of GB/T 9704: title, 文号, addressee, body, tables, attachments,
// issuer and date on the right, the seal as a red circle over them; Noto Serif CJK embedded as a subset.
import PDFDocument from 'pdfkit';
import { formatChineseDate } from '../domain/documents/chinese-format';
import type { OfficialDocument } from '../domain/documents/types';

const FONT_DIR = '/usr/share/fonts/opentype/noto';
const REGULAR = { file: `${FONT_DIR}/NotoSerifCJK-Regular.ttc`, face: 'NotoSerifCJKsc-Regular' };
const BOLD = { file: `${FONT_DIR}/NotoSerifCJK-Bold.ttc`, face: 'NotoSerifCJKsc-Bold' };
const MM = 72 / 25.4;

export interface PdfInfo {
  sealed: boolean;
  draftLabel?: string;
  signatures: string[];
  correction?: string;
}

export function renderDocumentPdf(doc: OfficialDocument, info: PdfInfo): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
    info: { Title: doc.number ? `${doc.title}（${doc.number}）` : doc.title, Author: doc.issuer },
  });
  pdf.registerFont('body', REGULAR.file, REGULAR.face);
  pdf.registerFont('bold', BOLD.file, BOLD.face);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const left = pdf.page.margins.left;

  if (info.draftLabel) pdf.font('body').fontSize(12).fillColor('#b91c1c').text(info.draftLabel, { align: 'center' });
  pdf.fillColor('black').font('bold').fontSize(22).text(doc.title, { align: 'center' });
  pdf.moveDown(0.3);
  pdf
    .font('body')
    .fontSize(16)
    .text(doc.number ?? '（签发时编号）', { align: 'center' });
  pdf.moveDown(0.6);
  if (doc.addressee) pdf.text(`${doc.addressee}：`, left, pdf.y, { width });
  for (const p of doc.paragraphs) pdf.text(p, left, pdf.y, { width, indent: 32, lineGap: 6 });
  if (doc.rows?.length) {
    pdf.moveDown(0.5).fontSize(14);
    for (const r of doc.rows) pdf.text(`${r.label}：${r.value}`, left, pdf.y, { width, lineGap: 4 });
    pdf.fontSize(16);
  }
  if (doc.attachments.length) {
    pdf.moveDown(0.5);
    doc.attachments.forEach((a, i) =>
      pdf.text(`${i === 0 ? '附件：' : '　　　'}${i + 1}. ${a}`, left, pdf.y, { width, lineGap: 4 }),
    );
  }
  pdf.moveDown(2);
  if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 150) pdf.addPage();
  const issuerTop = pdf.y;
  pdf.text(doc.issuer, left, issuerTop, { width: width - 32, align: 'right' });
  pdf.text(doc.date ? formatChineseDate(doc.date) : '　　年　　月　　日', left, pdf.y, {
    width: width - 32,
    align: 'right',
  });
  if (info.sealed) {
    // The seal: a red circle across issuer and date, the department's name, a star and the document's number.
    const r = 60;
    const cx = left + width - 32 - 80;
    const cy = issuerTop + 20;
    pdf.save().lineWidth(3).strokeColor('#dd0000').circle(cx, cy, r).stroke();
    pdf.fillColor('#dd0000').font('bold').fontSize(11);
    pdf.text(doc.issuer, cx - r + 8, cy - 34, { width: 2 * r - 16, align: 'center' });
    pdf.fontSize(22).text('★', cx - r, cy - 14, { width: 2 * r, align: 'center' });
    pdf
      .font('body')
      .fontSize(8)
      .text(doc.number ?? '', cx - r + 10, cy + 16, { width: 2 * r - 20, align: 'center' });
    pdf.restore().fillColor('black');
  }
  pdf.x = left;
  pdf.moveDown(3);
  pdf.font('body').fontSize(10).fillColor('black');
  if (doc.copiedTo?.length) pdf.text(`抄送：${doc.copiedTo.join('，')}`, left, pdf.y, { width });
  pdf.text(`法律依据：${doc.legalBasis.join('；')}`, left, pdf.y, { width });
  pdf.text(`执法人员签名：${info.signatures.join('、') || '尚无'}`, left, pdf.y, { width });
  if (info.correction) pdf.text(info.correction, left, pdf.y, { width });
  pdf.end();
  return done;
}
