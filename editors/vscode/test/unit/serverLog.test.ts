import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerLogLine } from '../../src/serverLog';

test('parseServerLogLine_MapsConsoleLoggerLevels', () => {
  assert.deepEqual(parseServerLogLine('22:25:52.752 info: CodeAssist.Server[1] listening on stdio'), { level: 'info', text: 'CodeAssist.Server[1] listening on stdio' });
  assert.equal(parseServerLogLine('dbug: X[2] detail').level, 'debug');
  assert.equal(parseServerLogLine('12:00:00.000 warn: X[3] careful').level, 'warn');
  assert.equal(parseServerLogLine('12:00:00.000 fail: X[4] broken').level, 'error');
  assert.equal(parseServerLogLine('12:00:00.000 crit: X[5] dead').level, 'error');
  assert.equal(parseServerLogLine('12:00:00.000 trce: X[6] noise').level, 'trace');
});

test('parseServerLogLine_UnknownShape_IsAnErrorKeptWhole', () => {
  assert.deepEqual(parseServerLogLine('Unhandled exception. System.InvalidOperationException: boom'), { level: 'error', text: 'Unhandled exception. System.InvalidOperationException: boom' });
  assert.deepEqual(parseServerLogLine('   at Foo.Bar()'), { level: 'error', text: '   at Foo.Bar()' });
});
