/** What the source tests share: a CSV mapping, and bytes handed over in pieces of random sizes. */
import type { contractField } from '../../../contract/fields.ts';

/** The mapping matrix of the small CSV exports these tests write. */
export const mapping: Record<string, contractField> = {
  'Code contrat': 'codeContrat',
  'Nom apprenant': 'nomApprenant',
  'Prénom tuteur entreprise': 'prenomMaitreApprentissage',
  Début: 'dateDebut',
  Fin: 'dateFin',
};

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** A deterministic generator, so a failing case can be replayed. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** `bytes` in pieces of 1 to `max` bytes, so every boundary (inside a character, a quote, a CRLF) lands somewhere new; each call reads them again (a file is re-readable). */
export function piecesOf(bytes: Uint8Array, max: number, seed = 1): () => AsyncGenerator<Uint8Array> {
  return async function* () {
    const rnd = random(seed);
    for (let at = 0; at < bytes.length; ) {
      const n = 1 + Math.floor(rnd() * max);
      yield bytes.slice(at, at + n);
      at += n;
    }
  };
}
