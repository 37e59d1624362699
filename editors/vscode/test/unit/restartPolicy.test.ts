import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartPolicy } from '../../src/restartPolicy';

test('onCrash_BacksOffThenGivesUp', () => {
  let now = 0;
  const policy = new RestartPolicy(() => now, [100, 200, 400], 60_000);
  assert.deepEqual(policy.onCrash(), { delayMs: 100, attempt: 1 });
  now += 1000;
  assert.deepEqual(policy.onCrash(), { delayMs: 200, attempt: 2 });
  now += 1000;
  assert.deepEqual(policy.onCrash(), { delayMs: 400, attempt: 3 });
  now += 1000;
  assert.equal(policy.onCrash(), undefined);
});

test('onCrash_AfterQuietWindow_StartsOver', () => {
  let now = 0;
  const policy = new RestartPolicy(() => now, [100, 200], 60_000);
  policy.onCrash();
  policy.onCrash();
  now += 61_000;
  assert.deepEqual(policy.onCrash(), { delayMs: 100, attempt: 1 });
});

test('reset_ForgetsCrashes', () => {
  const policy = new RestartPolicy(() => 0, [100], 60_000);
  policy.onCrash();
  assert.equal(policy.onCrash(), undefined);
  policy.reset();
  assert.deepEqual(policy.onCrash(), { delayMs: 100, attempt: 1 });
});
