import ExcelJSModule from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeAgreement, type AgreementFragment } from '../../../src/analysis/agreement-units.ts';
import { agreementSummaryTable, agreementToJson, confusionTable, disagreementTable, valueLabel, type AgreementTableContext } from '../../../src/exchange/agreement-table.ts';
import { typedTableToCsv } from '../../../src/exchange/table.ts';
import { tablesToXlsx } from '../../../src/exchange/xlsx.ts';

const Excel = ExcelJSModule as unknown as typeof import('exceljs');

const text = 'De regio zoekt de wereld op. De markt groeit over de grens.';
const doc = { id: 'd', title: 'Profiel', text, pages: [{ index: 1, label: '7', start: 0, end: text.length }] };
const frag = (id: string, coderId: string, start: number, end: number, codes: string[]): AgreementFragment => ({
  id,
  documentId: 'd',
  anchor: { start, end, exact: text.slice(start, end) },
  codes,
  coderId,
});
const result = computeAgreement({
  unit: 'hit',
  coders: ['a', 'b'],
  codes: ['civic', 'market', 'fame'],
  documents: [doc],
  hits: [{ documentId: 'd', start: 18, end: 24 }, { documentId: 'd', start: 53, end: 58 }],
  fragments: [frag('f1', 'a', 0, 28, ['civic']), frag('f2', 'b', 0, 28, ['civic', 'market']), frag('f3', 'a', 29, 59, ['market']), frag('f4', 'b', 29, 59, ['market'])],
});
const QUOTES: Record<string, string> = { f1: text.slice(0, 28), f2: text.slice(0, 28), f3: text.slice(29), f4: text.slice(29) };
const names: Record<string, Record<string, string>> = { en: { civic: 'Civic', market: 'Market', fame: 'Fame' }, nl: { civic: 'Civiel', market: 'Markt', fame: 'Faam' } };
const ctx = (lang: 'nl' | 'en'): AgreementTableContext => ({
  coderNames: ['Anna', 'Bram'],
  codeName: (id) => names[lang]![id] ?? id,
  documents: new Map([['d', doc]]),
  quote: (id) => QUOTES[id],
  lang,
});

describe('agreement tables', () => {
  it('write each coder’s regimes and quote side by side for every disagreement', () => {
    const table = disagreementTable(result, ctx('en'));
    expect(table.columns.map((c) => c.header)).toEqual(['document', 'page', 'start', 'end', 'unit text', 'Anna: regimes', 'Anna: quote', 'Bram: regimes', 'Bram: quote']);
    expect(table.rows).toEqual([['Profiel', '7', 18, 24, 'wereld', 'Civic', 'De regio zoekt de wereld op.', 'Civic + Market', 'De regio zoekt de wereld op.']]);
  });

  it('write the summary with κ and α to three decimals in CSV, the overall row first', () => {
    const csv = typedTableToCsv(agreementSummaryTable(result, ctx('nl')), { bom: false });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('regime,n,overeenstemming %,kappa,alfa');
    expect(lines[1]).toMatch(/^alle regimes \(hele waarde\),2,50,/);
    // civic: A 1 0, B 1 0; market: A 0 1, B 1 1 (κ: p_o = p_e = 0.5); fame: nobody.
    expect(lines[2]).toBe('Civiel,1,100,1,1');
    expect(lines[3]).toBe('Markt,2,50,0,0');
    expect(lines[4]).toBe('Faam,0,100,,');
  });

  it('write the confusion matrix with the values in words', () => {
    const table = confusionTable(result, ctx('en'));
    expect(table.columns.map((c) => c.header)).toEqual(['Anna \\ Bram', 'Civic', 'Civic + Market', 'Market']);
    expect(table.rows).toEqual([
      ['Civic', 0, 1, 0],
      ['Civic + Market', 0, 0, 0],
      ['Market', 0, 0, 1],
    ]);
  });

  it('say mere statement, not coded and dismissed in both languages', () => {
    const name = (id: string) => id;
    expect(valueLabel({ state: 'coded', codes: [] }, name, 'nl')).toBe('louter vermelding');
    expect(valueLabel({ state: 'not-coded' }, name, 'en')).toBe('not coded');
    expect(valueLabel({ state: 'dismissed' }, name, 'nl')).toBe('afgewezen');
  });

  it('go into an XLSX workbook with κ and α as numbers', async () => {
    const bytes = await tablesToXlsx([agreementSummaryTable(result, ctx('en')), disagreementTable(result, ctx('en'))]);
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('D3').value).toBe(1);
    expect(sheet.getCell('D3').numFmt).toBe('0.000');
    expect(sheet.getCell('C4').value).toBeCloseTo(0.5, 9);
    expect(wb.worksheets[1]!.getCell('H2').value).toBe('Civic + Market');
  });

  it('give JSON with null for undefined coefficients', () => {
    const json = JSON.stringify(agreementToJson(result, ctx('en')));
    expect(json).not.toContain('NaN');
    expect(JSON.parse(json).byCode.Fame).toEqual({ n: 0, percent: 100, kappa: null, alpha: null });
  });
});
