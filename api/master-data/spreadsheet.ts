// Reading and writing the registers' spreadsheets: CSV (UTF-8, RFC 4180) and .xlsx through ExcelJS.
// A file is refused whole, before any row is looked at, when it is too big, has formulas or macros, or lacks the sheet.
import ExcelJS from 'exceljs';

/** Largest import accepted (bytes): about 30,000 enterprise rows as CSV. */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileProblem {
  rule: 'file-size' | 'file-format' | 'wrong-sheet' | 'formula' | 'macro' | 'row-limit' | 'empty';
  message: string;
}

export interface Sheet {
  headers: string[];
  /** Each data row with its row number as the user sees it in the spreadsheet (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

export class FileRefused extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
  }
}

const refuse = (rule: FileProblem['rule'], message: string): never => {
  throw new FileRefused({ rule, message });
};

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. A leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function sheetOf(records: string[][]): Sheet {
  const [header, ...body] = records;
  if (!header || header.every((h) => h.trim() === '')) refuse('empty', '文件为空：第 1 行应为列名');
  const rows = body
    .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > IMPORT_MAX_ROWS)
    refuse('row-limit', `一次最多导入 ${IMPORT_MAX_ROWS} 行，本文件有 ${rows.length} 行`);
  return { headers: header!.map((h) => h.trim()), rows };
}

export function readCsv(bytes: Uint8Array): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('file-format', 'CSV 文件须为 UTF-8 编码（可在 Excel 中另存为“CSV UTF-8”）');
  }
  const records = parseCsv(text);
  for (const [i, record] of records.entries()) {
    const at = record.findIndex((c) => c.trim().startsWith('='));
    if (at >= 0)
      refuse('formula', `第 ${i + 1} 行第 ${at + 1} 列是公式（以 = 开头），不接受公式，请粘贴为数值后再导入`);
  }
  return sheetOf(records);
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(n);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** The named worksheet of an .xlsx file; formulas and macros refuse the file (the cell is named). */
export async function readXlsx(bytes: Uint8Array, sheetName: string): Promise<Sheet> {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    refuse('file-format', '不是有效的 .xlsx 文件（Excel 2007 及以后的工作簿）');
  if (containsAscii(bytes, 'vbaProject.bin')) refuse('macro', '文件含有宏（VBA），不接受带宏的工作簿');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    refuse('file-format', '无法读取该 .xlsx 文件，文件可能已损坏');
  }
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join('、') || '无';
    refuse('wrong-sheet', `找不到工作表「${sheetName}」（文件中的工作表：${names}），请使用下载的模板`);
  }
  const records: string[][] = [];
  const width = sheet!.columnCount;
  sheet!.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      if (cell.type === ExcelJS.ValueType.Formula) {
        refuse('formula', `单元格 ${cell.address} 是公式，不接受公式，请粘贴为数值后再导入`);
      }
      cells.push(cellText(cell));
    }
    records[rowNumber - 1] = cells;
  });
  for (let i = 0; i < records.length; i++) records[i] ??= [];
  return sheetOf(records);
}

/** Reads an uploaded register file: .xlsx by its signature, otherwise CSV. */
export async function readRegisterFile(bytes: Uint8Array, sheetName: string): Promise<Sheet> {
  if (bytes.byteLength > IMPORT_MAX_BYTES)
    refuse('file-size', `文件大小 ${bytes.byteLength} 字节，超过上限 ${IMPORT_MAX_BYTES} 字节（4 MiB）`);
  if (bytes.byteLength === 0) refuse('empty', '文件为空');
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) refuse('file-format', '不接受旧版 .xls 文件，请另存为 .xlsx 或 CSV');
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? readXlsx(bytes, sheetName) : readCsv(bytes);
}

/** A cell that a spreadsheet would run as a formula is written with a leading apostrophe (CSV injection). */
const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function toCsv(headers: string[], rows: string[][]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [headers, ...rows].map((r) => r.map((v) => quote(safeCell(v))).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(sheetName: string, headers: string[], rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'anjian-flow';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((col) => (col.width = 18));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * The request body up to IMPORT_MAX_BYTES; past it the rest is read and dropped (so the client gets the answer rather
 * than a reset connection) up to 16 times the limit, then the read is abandoned.
 */
export async function readUpload(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= IMPORT_MAX_BYTES) chunks.push(value);
    else if (size > IMPORT_MAX_BYTES * 16) {
      await reader.cancel();
      break;
    }
  }
  if (size > IMPORT_MAX_BYTES)
    refuse('file-size', `文件大小 ${size} 字节，超过上限 ${IMPORT_MAX_BYTES} 字节（4 MiB），请分批导入`);
  return Buffer.concat(chunks);
}
