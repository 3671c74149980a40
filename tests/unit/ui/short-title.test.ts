import { describe, expect, it } from 'vitest';
import { shortTitle, shortTitles } from '../../../src/ui/short-title.ts';

const part = (n: number, period = '2025–2028') =>
  `Aandachtspunten bij profielen van stedelijke regio's en provincies, deel ${n}: cultuurregio, kunstenplan en internationale samenwerking in de beleidsperiode ${period} (definitieve versie na consultatie)`;

describe('long titles shortened', () => {
  it('leaves a title that fits as it is', () => {
    expect(shortTitles(['Regioprofiel Rivierenland 2021–2024', part(1)])[0]).toBe('Regioprofiel Rivierenland 2021–2024');
  });

  it('shows titles of a series from where they part: "deel 1" and "deel 2" stay apart', () => {
    const [one, two, other] = shortTitles([part(1), part(2), 'Regioprofiel Rivierenland 2021–2024']);
    expect(one).toMatch(/^Aandachtspunten bij … deel 1: cultuurregio, /);
    expect(two).toMatch(/^Aandachtspunten bij … deel 2: cultuurregio, /);
    for (const t of [one!, two!]) expect(Array.from(t).length).toBeLessThanOrEqual(80);
    expect(other).toBe('Regioprofiel Rivierenland 2021–2024');
  });

  it('keeps the start and the end of a long title that shares no long start: the period stays', () => {
    const t = shortTitle(part(1, '2021–2024'));
    expect(Array.from(t).length).toBeLessThanOrEqual(80);
    expect(t).toMatch(/^Aandachtspunten bij profielen .* … .*consultatie\)$/);
  });

  it('cuts between words where it can, and counts characters outside the BMP as one', () => {
    const t = shortTitle(`${'woord '.repeat(30)}einde 🎭`, 40);
    expect(t).toMatch(/^(woord )*woord … (woord )*einde 🎭$/);
    expect(Array.from(t).length).toBeLessThanOrEqual(40);
  });
});
