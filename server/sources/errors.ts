/**
 * A source that cannot be read as a whole (missing column, ERP unreachable, unreadable reply).
 * Thrown rather than returned so the run fails before the core sees a partial snapshot:
 * a truncated read must never archive contracts (DOMAIN.md, "Known pitfalls").
 */
export class SourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceError';
  }
}

/** A short French description of a JSON value's kind, for per-record messages. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'un tableau';
  switch (typeof value) {
    case 'string':
      return 'une chaîne';
    case 'number':
      return 'un nombre';
    case 'boolean':
      return 'un booléen';
    case 'undefined':
      return 'rien';
    default:
      return typeof value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message a record gets when an array element is not an object (push body, pull page). */
export function notAnObjectMessage(index: number, value: unknown): string {
  return `élément ${index + 1} (index ${index}) : un objet JSON est attendu, reçu ${describeJsonKind(value)}`;
}

/** 65536 -> "65 536": French digit grouping, with a plain space so messages stay plain text in logs and CSV exports. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
