import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { GroupTable, SUSPECT } from '../../../server/core/group-table.ts';

/** What the table replaces: a Map and the same rule, written plainly. */
class Reference {
  readonly map = new Map<number, number>();
  note(key: number, attr: number, always: boolean): void {
    const first = this.map.get(key);
    if (first === undefined) this.map.set(key, attr);
    else if (first !== SUSPECT && (always || attr !== first)) this.map.set(key, SUSPECT);
  }
}

let seed = 5;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

test('the group table agrees with a Map on random occurrences: growth, probing, NaN, always', () => {
  const table = new GroupTable(16);
  const ref = new Reference();
  const attrs = [0, 1, 2, 2 ** 52 + 7, Number.NaN];
  const keys: number[] = [];
  // Keys sharing their low bits probe long runs of slots; large keys up to 2^30 as group keys are.
  for (let i = 0; i < 3000; i++) keys.push(rnd(4) === 0 ? (i << 14) % 1073741789 : rnd(1073741789));
  for (let n = 0; n < 60_000; n++) {
    const key = keys[rnd(keys.length)];
    const attr = attrs[rnd(attrs.length)];
    const always = rnd(10) === 0;
    table.note(key, attr, always);
    ref.note(key, attr, always);
  }
  assert.equal(table.size, ref.map.size);
  let suspects = 0;
  for (const key of keys) {
    const expected = ref.map.get(key) === SUSPECT;
    if (expected) suspects++;
    assert.equal(table.suspect(key), expected, `key ${key}`);
  }
  assert.ok(suspects > 100 && suspects < keys.length, `the fixture mixes suspect and clean groups (${suspects})`);
  assert.equal(table.anySuspect, true);
  assert.equal(table.suspect(1073741788), ref.map.get(1073741788) === SUSPECT, 'a key never noted');
});

test('a group is suspect only once two occurrences differ (or always), and NaN never equals itself', () => {
  const table = new GroupTable();
  table.note(7, 3, false);
  table.note(7, 3, false);
  assert.equal(table.anySuspect, false, 'the same attribute twice');
  assert.equal(table.suspect(7), false);
  table.note(9, 3, false);
  table.note(9, 3, true);
  assert.equal(table.suspect(9), true, 'always');
  table.note(11, Number.NaN, false);
  assert.equal(table.suspect(11), false, 'alone');
  table.note(11, Number.NaN, false);
  assert.equal(table.suspect(11), true, 'NaN differs from NaN');
  assert.equal(table.suspect(8), false);
});

test('a table sized for n groups holds them without growing, and agrees with a Map', () => {
  const n = 5000;
  const table = GroupTable.forKeys(n);
  const slots = table.slots;
  const ref = new Reference();
  for (let i = 0; i < n; i++) {
    const key = rnd(1073741789);
    table.note(key, i % 3, false);
    ref.note(key, i % 3, false);
    table.note(key, i % 3, i % 7 === 0);
    ref.note(key, i % 3, i % 7 === 0);
  }
  assert.equal(table.size, ref.map.size);
  assert.equal(table.slots, slots, 'no growth');
  for (const [key, attr] of ref.map) assert.equal(table.suspect(key), attr === SUSPECT);
  const small = new GroupTable(16);
  for (const key of ref.map.keys()) small.note(key, 0, false);
  assert.ok(small.slots > 16, 'an unsized table grows');
});
