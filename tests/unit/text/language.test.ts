import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage, languageCounts, SAMPLE_CHARS } from '../../../src/text/language.ts';

const seeds = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');

describe('detectLanguage', () => {
  it('tells Dutch, English, German and French policy prose apart', () => {
    expect(detectLanguage('De regio werkt over de grenzen heen met partners in het buitenland. Cultuur moet voor iedereen toegankelijk zijn, ook voor nieuwkomers, en dat vraagt een lange adem van de gemeenten.')).toBe('nl');
    expect(detectLanguage('The region works across its borders with partners abroad. Culture has to be open to everyone, and that is why the cities have made it a priority for the coming years.')).toBe('en');
    expect(detectLanguage('Die Region arbeitet über die Grenzen hinweg mit Partnern im Ausland. Kultur muss für alle zugänglich sein, und das ist auch eine Aufgabe der Städte, die wir gemeinsam angehen.')).toBe('de');
    expect(detectLanguage("La région travaille au-delà des frontières avec des partenaires à l'étranger. La culture doit être accessible à tous, et c'est pour cette raison que les villes en font une priorité.")).toBe('fr');
  });

  it('leaves the language unknown for too little text, and for text that is no prose', () => {
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('Cultuurregio 2025')).toBeUndefined();
    expect(detectLanguage('1 2 3 4 5 6 7 8 9 10 11 12 13 14 15')).toBeUndefined();
  });

  it('leaves it unknown when two languages are mixed about evenly', () => {
    const mixed = 'Het is een taak van de regio. It is a task of the region. '.repeat(3);
    const counts = languageCounts(mixed);
    expect(counts.lang).toBeUndefined();
    expect(counts.hits.nl).toBeGreaterThan(0);
    expect(counts.hits.en).toBeGreaterThan(0);
  });

  it('reads no more than the sample of a long text', () => {
    const text = 'De regio werkt met het buitenland en de wereld. '.repeat(2000) + 'The end of the text and the rest of it. '.repeat(100_000);
    expect(text.length).toBeGreaterThan(SAMPLE_CHARS * 10);
    expect(detectLanguage(text)).toBe('nl');
  });

  it.skipIf(!existsSync(seeds))('takes the Dutch thesis and the Dutch policy texts of ../shared/seeds as Dutch (skipped when ../shared is absent)', () => {
    const files = readdirSync(seeds).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect({ f, lang: detectLanguage(readFileSync(join(seeds, f), 'utf8')) }).toEqual({ f, lang: 'nl' });
  });
});
