/**
 * The bench's CPU accounting (test/bench/cpu.ts): the machine's busy time grows by at least the
 * CPU this process spends, and the bound it prints divides it by the cores.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cores, cpuBound, machineBusyMs } from '../../bench/cpu.ts';

test('the machine busy time counts the CPU this process spends', () => {
  const before = machineBusyMs();
  assert.notEqual(before, null, 'Linux has /proc/stat');
  const own = process.cpuUsage();
  let x = 0;
  // Spin until this process has used 300 ms of CPU, however the machine schedules it.
  while ((process.cpuUsage(own).user + process.cpuUsage(own).system) / 1000 < 300) x += Math.sqrt(x + 1);
  const after = machineBusyMs() as number;
  // The counter ticks every 10 ms: 300 ms spent shows as 250 ms at the very least.
  assert.ok(after - (before as number) >= 250, `machine busy time grew by ${after - (before as number)} ms (x = ${x})`);
});

test('the bound is the CPU time spread over every core, as a ratio to the floor', () => {
  assert.equal(
    cpuBound(8000, 1000, 'the CLI'),
    `CPU 8.0 s (the CLI): at least ${(8 / cores).toFixed(2)} s on ${cores} cores = ${(8 / cores).toFixed(2)}× the floor`,
  );
  assert.equal(cpuBound(null, 1000, 'the CLI'), 'CPU not measured');
});
