import { describe, expect, test } from 'vitest';
import { toCsv } from '../src/lib/csv.js';

describe('CSV for Excel', () => {
  const columns = [{ label: '街道', value: 'name' }, { label: '满意率', value: (r) => r.rate }];

  test('starts with a byte-order mark so Excel reads the Chinese as UTF-8, and ends lines with CRLF', () => {
    const csv = toCsv(columns, [{ name: '许衡街道', rate: '95.0%' }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('街道,满意率\r\n许衡街道,95.0%\r\n');
  });

  test('quotes commas, quotes and line breaks', () => {
    expect(toCsv(columns, [{ name: '甲,乙"丙"\n丁', rate: '' }]).split('\r\n')[1]).toBe('"甲,乙""丙""\n丁",');
  });

  test('never lets Excel run a cell as a formula', () => {
    expect(toCsv(columns, [{ name: '=HYPERLINK("x")', rate: '-5%' }]).split('\r\n')[1]).toBe('"\'=HYPERLINK(""x"")",-5%');
  });
});
