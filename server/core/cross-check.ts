/**
 * Rules that need the whole snapshot: one contract code per contract, one person code per
 * person and role, one email per person ("one email = one account" on the platform).
 * Grouped through maps in one pass so that 100,000 records stay linear; occurrences are
 * plain numbers and names are folded only for codes/emails seen twice, because allocation
 * and folding, not the rules, dominate at that size.
 */
import type { conflictParty, contractField, contractRecord, reason } from '../../contract/index.ts';
import { GroupTable } from './group-table.ts';
import { fold } from './search.ts';

export interface IndexedRecord {
  index: number;
  record: contractRecord;
}

interface RoleFields {
  code: contractField;
  nom: contractField;
  prenom: contractField;
  email: contractField;
}

const ROLES: readonly RoleFields[] = [
  { code: 'codeApprenant', nom: 'nomApprenant', prenom: 'prenomApprenant', email: 'emailApprenant' },
  { code: 'codePersonnel', nom: 'nomPersonnel', prenom: 'prenomPersonnel', email: 'emailPersonnel' },
  {
    code: 'codeMaitreApprentissage',
    nom: 'nomMaitreApprentissage',
    prenom: 'prenomMaitreApprentissage',
    email: 'emailMaitreApprentissage',
  },
];
const ROLE_COUNT = ROLES.length;
/** ROLES[i] in the contract's words. */
const ROLE_NAMES: readonly conflictParty['role'][] = ['learner', 'schoolTutor', 'tutor'];

/** One occurrence (a person as one record carries them in one role) is `pos * ROLE_COUNT + role`. */
type Slot = number | number[];

function addSlot(map: Map<string, Slot>, key: string, id: number): void {
  const s = map.get(key);
  if (s === undefined) map.set(key, id);
  else if (typeof s === 'number') map.set(key, [s, id]);
  else s.push(id);
}

/** How many other variants a detail names before summarising: details are read by people. */
const DETAIL_MAX = 3;

export function crossCheck(records: readonly IndexedRecord[]): Map<number, reason[]> {
  const out = new Map<number, reason[]>();
  const push = (pos: number, reason: reason): void => {
    const index = records[pos].index;
    const list = out.get(index);
    if (list) list.push(reason);
    else out.set(index, [reason]);
  };

  const posOf = (id: number) => Math.floor(id / ROLE_COUNT);
  const roleOf = (id: number) => ROLES[id % ROLE_COUNT];
  const recordOf = (id: number) => records[posOf(id)].record;

  const folded = new Map<string, string>();
  const foldCached = (s: string): string => {
    let f = folded.get(s);
    if (f === undefined) {
      // "Jean-Pierre" and "Jean Pierre" are one person typed two ways, not two people.
      f = fold(s.replace(/[-‐'’.]/g, ' '));
      folded.set(s, f);
    }
    return f;
  };
  /** Folded "nom|prenom", '' when either is missing (an incomplete name proves nothing). */
  const nameOf = (id: number): string => {
    const r = recordOf(id);
    const role = roleOf(id);
    const nom = r[role.nom];
    const prenom = r[role.prenom];
    return nom !== '' && prenom !== '' ? `${foldCached(nom)}|${foldCached(prenom)}` : '';
  };
  const codeOf = (id: number): string => recordOf(id)[roleOf(id).code];
  // Fast paths for the common groups (a school tutor on thousands of contracts): the same
  // role with the very same name strings, or the very same code, cannot be a conflict.
  const sameRawPerson = (slot: readonly number[]): boolean => {
    const first = slot[0];
    const role = roleOf(first);
    const r0 = recordOf(first);
    for (let k = 1; k < slot.length; k++) {
      const id = slot[k];
      if (roleOf(id) !== role) return false;
      const r = recordOf(id);
      if (r[role.nom] !== r0[role.nom] || r[role.prenom] !== r0[role.prenom]) return false;
    }
    return true;
  };
  const sameCode = (slot: readonly number[]): boolean => {
    const code = codeOf(slot[0]);
    if (code === '') return false;
    for (let k = 1; k < slot.length; k++) if (codeOf(slot[k]) !== code) return false;
    return true;
  };
  const describe = (id: number): string => {
    const r = recordOf(id);
    const role = roleOf(id);
    const who = [r[role.prenom], r[role.nom]].filter((s) => s !== '').join(' ');
    const contract = r.codeContrat !== '' ? r.codeContrat : `#index:${records[posOf(id)].index}`;
    const code = r[role.code];
    return `${contract}: ${role.code}${code !== '' ? ` ${code}` : ''}${who !== '' ? ` ${who}` : ''}`;
  };
  /**
   * Names the variants (distinct people or roles, first occurrence each, in snapshot order)
   * other than `self`. Stops after a few, so that a placeholder email shared by thousands of
   * learners does not make this quadratic.
   */
  const partyOf = (id: number): conflictParty => {
    const r = recordOf(id);
    const role = roleOf(id);
    return {
      codeContrat: r.codeContrat,
      role: ROLE_NAMES[id % ROLE_COUNT],
      name: [r[role.prenom], r[role.nom]].filter((s) => s !== '').join(' '),
    };
  };
  /** The technical one-line detail, and the same parties for a message to name in words. */
  const detailFor = (variants: ReadonlyMap<string, number>, self: string): Pick<reason, 'detail' | 'others' | 'more'> => {
    const shown: number[] = [];
    for (const [key, id] of variants) {
      if (shown.length === DETAIL_MAX) break;
      if (key !== self) shown.push(id);
    }
    // `self` is always one of the variants, so the others number size - 1.
    const hidden = variants.size - 1 - shown.length;
    const detail = [...shown.map(describe), ...(hidden > 0 ? [`+${hidden}`] : [])].join('\u202f; ');
    return { detail, others: shown.map(partyOf), ...(hidden > 0 ? { more: hidden } : {}) };
  };

  const byContract = new Map<string, Slot>();
  const byCode = new Map<string, Slot>();
  const byEmail = new Map<string, Slot>();
  for (let pos = 0; pos < records.length; pos++) {
    const r = records[pos].record;
    if (r.codeContrat !== '') addSlot(byContract, r.codeContrat, pos);
    for (let role = 0; role < ROLE_COUNT; role++) {
      const id = pos * ROLE_COUNT + role;
      const code = r[ROLES[role].code];
      if (code !== '') addSlot(byCode, code, id);
      const email = r[ROLES[role].email];
      if (email !== '') addSlot(byEmail, email, id);
    }
  }

  // ---- one contract code, one contract ----
  for (const [code, slot] of byContract) {
    if (typeof slot === 'number') continue;
    // Every copy is flagged: nothing says which one the ERP meant.
    for (const pos of slot) {
      push(pos, { code: 'DUPLICATE_CONTRACT', field: 'codeContrat', value: code, detail: `×${slot.length}` });
    }
  }

  // ---- one person code, one person in one role ----
  for (const [code, slot] of byCode) {
    if (typeof slot === 'number' || sameRawPerson(slot)) continue;
    const variantOf: string[] = new Array(slot.length);
    const variants = new Map<string, number>();
    const roles = new Set<string>();
    const names = new Set<string>();
    for (let k = 0; k < slot.length; k++) {
      const id = slot[k];
      const role = roleOf(id).code;
      const name = nameOf(id);
      roles.add(role);
      if (name !== '') names.add(name);
      const v = `${role}|${name}`;
      variantOf[k] = v;
      if (!variants.has(v)) variants.set(v, id);
    }
    if (roles.size < 2 && names.size < 2) continue;
    const details = new Map<string, Pick<reason, 'detail' | 'others' | 'more'>>();
    for (let k = 0; k < slot.length; k++) {
      const id = slot[k];
      const v = variantOf[k];
      let detail = details.get(v);
      if (detail === undefined) {
        detail = detailFor(variants, v);
        details.set(v, detail);
      }
      push(posOf(id), { code: 'CODE_CONFLICT', field: roleOf(id).code, value: code, ...detail });
    }
  }

  // ---- one email, one person ----
  for (const [email, slot] of byEmail) {
    if (typeof slot === 'number' || sameCode(slot)) continue;
    // A person is their code, whatever the role. An occurrence without a code is matched by
    // name to a coded one, so that a tutor whose code is missing on one contract (already
    // rejected for that) does not put the tutor's other, valid contracts in conflict.
    const nameToCode = new Map<string, string>();
    for (const id of slot) {
      const code = codeOf(id);
      if (code === '') continue;
      const name = nameOf(id);
      if (name !== '' && !nameToCode.has(name)) nameToCode.set(name, code);
    }
    const identityOf: string[] = new Array(slot.length);
    const people = new Map<string, number>();
    for (let k = 0; k < slot.length; k++) {
      const id = slot[k];
      const code = codeOf(id);
      const name = code === '' ? nameOf(id) : '';
      const matched = code === '' ? nameToCode.get(name) : undefined;
      const identity = code !== '' ? `c:${code}` : matched !== undefined ? `c:${matched}` : `n:${name}`;
      identityOf[k] = identity;
      if (!people.has(identity)) people.set(identity, id);
    }
    if (people.size < 2) continue;
    const details = new Map<string, Pick<reason, 'detail' | 'others' | 'more'>>();
    for (let k = 0; k < slot.length; k++) {
      const id = slot[k];
      const identity = identityOf[k];
      let detail = details.get(identity);
      if (detail === undefined) {
        detail = detailFor(people, identity);
        details.set(identity, detail);
      }
      push(posOf(id), { code: 'EMAIL_CONFLICT', field: roleOf(id).email, value: email, ...detail });
    }
  }

  return out;
}

/** A 53-bit hash of a short text (cyrb53): the candidate index keeps hashes, not strings. */
function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return mix53(h1, h2);
}

function mix53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A person as one role names them, hashed: the role, then the last and first names, each
 * followed by a separator that no name holds ("ab"+"c" and "a"+"bc" differ). The same as
 * hashing the joined text, without building it for every record and role.
 */
function personHash(role: number, nom: string, prenom: string): number {
  let h1 = Math.imul(0xdeadbeef ^ (48 + role), 2654435761);
  let h2 = Math.imul(0x41c6ce57 ^ (48 + role), 1597334677);
  h1 = Math.imul(h1 ^ 1, 2654435761);
  h2 = Math.imul(h2 ^ 1, 1597334677);
  for (let i = 0; i < nom.length; i++) {
    const ch = nom.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ 1, 2654435761);
  h2 = Math.imul(h2 ^ 1, 1597334677);
  for (let i = 0; i < prenom.length; i++) {
    const ch = prenom.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return mix53(h1, h2);
}

/**
 * A group's key: 30 bits, so that V8 keeps it as a small integer (no allocation per key). Two
 * different codes or emails sharing a key only merge their groups: more records get the exact
 * check, never fewer.
 */
function groupKey(s: string): number {
  return hash53(s) % 1073741789;
}

/** No key in this slot (an empty code or email). */
const NONE = -1;
/** Per record: the contract code's key, then each role's code key and email key. */
const KEYS_PER_RECORD = 1 + 2 * ROLE_COUNT;
/** Records per chunk of kept keys: chunks, so a million records never copy one growing array. */
const CHUNK_RECORDS = 16_384;

/**
 * The cross-record rules over a snapshot read as a stream: crossCheck() needs every record at
 * once, which a million-contract snapshot cannot afford. This index keeps, per contract code,
 * person code and email, a small key and the first occurrence's attribute (the person's role
 * and raw name, the person's code); a group in which a later occurrence differs is suspect.
 * The records of suspect groups are then found again in a second read of the staged records
 * (candidateAt()), and crossCheck() runs on them exactly as before — whole groups, so every rule
 * sees what it saw before. Hashing only merges groups, so no conflict is missed.
 *
 * Each record's keys are kept (28 bytes a record), so that the second read looks them up
 * instead of hashing every code and email again: that was a tenth of the same snapshot's run.
 */
export class CrossCheckIndex {
  private readonly contracts: GroupTable;
  private readonly codes: GroupTable;
  private readonly emails: GroupTable;
  private readonly keys: Int32Array[] = [];
  private count = 0;

  /**
   * `expected`: about how many records will be added (the platform's contracts, for a daily
   * snapshot): the tables are sized for them at once instead of doubling their way up, which
   * rehashed every group each time (0.1 s of a 100,000-record run). Person codes and e-mails
   * are counted two a record (the learner's and the company tutor's; school tutors repeat).
   */
  constructor(expected = 0) {
    this.contracts = GroupTable.forKeys(Math.max(expected, 700));
    this.codes = GroupTable.forKeys(Math.max(2 * expected, 700));
    this.emails = GroupTable.forKeys(Math.max(2 * expected, 700));
  }

  /** Call once per record, in snapshot order: the record's position is its rank in these calls. */
  add(r: contractRecord): void {
    const at = (this.count % CHUNK_RECORDS) * KEYS_PER_RECORD;
    if (at === 0) this.keys.push(new Int32Array(CHUNK_RECORDS * KEYS_PER_RECORD));
    const keys = this.keys[this.keys.length - 1];
    this.count++;
    // A contract code seen twice is a duplicate whatever else: suspect at once.
    const contractKey = r.codeContrat === '' ? NONE : groupKey(r.codeContrat);
    if (contractKey !== NONE) this.contracts.note(contractKey, 0, true);
    keys[at] = contractKey;
    for (let role = 0; role < ROLE_COUNT; role++) {
      const f = ROLES[role];
      const code = r[f.code];
      const codeKey = code === '' ? NONE : groupKey(code);
      // Same role and the very same name strings cannot conflict (sameRawPerson above).
      if (codeKey !== NONE) this.codes.note(codeKey, personHash(role, r[f.nom], r[f.prenom]), false);
      keys[at + 1 + 2 * role] = codeKey;
      const email = r[f.email];
      const emailKey = email === '' ? NONE : groupKey(email);
      // The very same non-empty code cannot conflict (sameCode above); an empty one may.
      if (emailKey !== NONE) this.emails.note(emailKey, code === '' ? Number.NaN : hash53(code, 7), false);
      keys[at + 2 + 2 * role] = emailKey;
    }
  }

  /** Whether the record added at `pos` (0-based) belongs to a suspect group: the exact rules must see it. */
  candidateAt(pos: number): boolean {
    if (pos < 0 || pos >= this.count) throw new RangeError(`no record was added at ${pos}`);
    const keys = this.keys[Math.floor(pos / CHUNK_RECORDS)];
    const at = (pos % CHUNK_RECORDS) * KEYS_PER_RECORD;
    const suspect = (table: GroupTable, key: number) => key !== NONE && table.suspect(key);
    if (suspect(this.contracts, keys[at])) return true;
    for (let role = 0; role < ROLE_COUNT; role++) {
      if (suspect(this.codes, keys[at + 1 + 2 * role]) || suspect(this.emails, keys[at + 2 + 2 * role])) return true;
    }
    return false;
  }

  /** No group is suspect: the snapshot needs no cross-record check at all. */
  get clean(): boolean {
    return !this.contracts.anySuspect && !this.codes.anySuspect && !this.emails.anySuspect;
  }
}
