import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { advertisesCursorReports, CursorParams, CursorReporter, cursorRestMs, Timers } from '../../src/cursorReports';

/** Timers that run only when the test says the wait ran out: no real time passes, so nothing depends on load. */
class ManualTimers implements Timers {
  private next = 1;
  readonly waiting = new Map<number, { callback: () => void; ms: number }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.waiting.set(handle, { callback, ms });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.waiting.delete(handle as number);
  }

  /** Lets every pending wait run out. */
  elapse(): void {
    const due = [...this.waiting.values()];
    this.waiting.clear();
    due.forEach((timer) => timer.callback());
  }
}

const at = (line: number, character: number, uri = 'file:///w/StockLevel.cs'): CursorParams => ({ textDocument: { uri }, position: { line, character } });

function reporter() {
  const timers = new ManualTimers();
  const sent: CursorParams[] = [];
  return { timers, sent, cursor: new CursorReporter((params) => sent.push(params), cursorRestMs, timers) };
}

test('CursorReporter_ManyMovesThenRest_SendsOnlyTheLastPosition', () => {
  const { timers, sent, cursor } = reporter();
  for (let character = 0; character < 12; character++) cursor.moved(at(3, character));
  assert.equal(timers.waiting.size, 1, 'one pending wait, restarted by each move');
  assert.deepEqual([...timers.waiting.values()].map((t) => t.ms), [250]);
  assert.deepEqual(sent, [], 'nothing while the cursor moves');
  timers.elapse();
  assert.deepEqual(sent, [at(3, 11)]);
});

test('CursorReporter_RestAtTheLastSentPosition_SendsNothing', () => {
  const { timers, sent, cursor } = reporter();
  cursor.moved(at(3, 4));
  timers.elapse();
  cursor.moved(at(9, 0));
  cursor.moved(at(3, 4));
  timers.elapse();
  assert.deepEqual(sent, [at(3, 4)]);
  cursor.moved(at(3, 4, 'file:///w/Product.cs'));
  timers.elapse();
  assert.deepEqual(sent, [at(3, 4), at(3, 4, 'file:///w/Product.cs')], 'the same line and column in another document is new');
});

test('CursorReporter_Reset_DropsThePendingReportAndForgetsTheLastSent', () => {
  const { timers, sent, cursor } = reporter();
  cursor.moved(at(1, 1));
  timers.elapse();
  cursor.moved(at(2, 2));
  cursor.reset();
  assert.equal(timers.waiting.size, 0);
  cursor.moved(at(1, 1));
  timers.elapse();
  assert.deepEqual(sent, [at(1, 1), at(1, 1)], 'a new server hears the resting place again');
});

test('CursorReporter_Dispose_CancelsThePendingReport', () => {
  const { timers, sent, cursor } = reporter();
  cursor.moved(at(1, 1));
  cursor.dispose();
  assert.equal(timers.waiting.size, 0);
  assert.deepEqual(sent, []);
});

test('advertisesCursorReports_ReadsTheExperimentalMethods', () => {
  assert.equal(advertisesCursorReports({ experimental: { codeAssist: { methods: ['codeAssist/explain', 'codeAssist/didChangeCursor'] } } }), true);
  assert.equal(advertisesCursorReports({ experimental: { codeAssist: { methods: ['codeAssist/explain'] } } }), false);
  assert.equal(advertisesCursorReports({ experimental: {} }), false);
  assert.equal(advertisesCursorReports(undefined), false);
});
