// The register files: CSV quoting both ways, formulas refused on the way in and neutralised on the way out,
// and the column check of the enterprise register.
import { describe, expect, it } from 'vitest';
import { checkHeaders, enterpriseColumns } from '../../../api/master-data/enterprise-rows';
import { FileRefused, parseCsv, readCsv, toCsv } from '../../../api/master-data/spreadsheet';

describe('register spreadsheets', () => {
  it('parses quoted fields with commas, quotes and line breaks, and drops the BOM', () => {
    expect(parseCsv('\ufeff名称,地址\r\n"甲,乙公司","北碚区""一""号\n二楼"\n')).toEqual([
      ['名称', '地址'],
      ['甲,乙公司', '北碚区"一"号\n二楼'],
    ]);
  });

  it('writes CSV that reads back the same, with cells that would run as formulas quoted by an apostrophe', () => {
    const text = toCsv(['a', 'b'], [['=1+1', '他说"好",行']]);
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ["'=1+1", '他说"好",行'],
    ]);
  });

  it('refuses a CSV formula and a non-UTF-8 file, naming the rule', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readCsv(bytes);
      } catch (e) {
        return (e as FileRefused).problem.rule;
      }
      return null;
    };
    expect(refusal(new TextEncoder().encode('企业名称\n=cmd|calc'))).toBe('formula');
    expect(refusal(new Uint8Array([0xc6, 0xf3, 0xd2, 0xb5]))).toBe('file-format'); // 企业 in GBK
  });

  it('names an unknown column and the required columns missing', () => {
    const all = enterpriseColumns.map((c) => c.header);
    expect(checkHeaders(all)).toBeNull();
    expect(checkHeaders([...all, '法人代表'])?.rule).toBe('unknown-column');
    expect(checkHeaders(all.filter((h) => h !== '行业领域'))).toEqual({
      rule: 'missing-column',
      message: '缺少必需的列：行业领域',
    });
  });
});
