import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextMarkdown, looksLikeStackTrace, markdownOf, markdownOrJson, percentageOf, stackTraceMarkdown, statusPresentation } from '../../src/protocol';

test('markdownOf_ReadsStringsObjectsAndArrays', () => {
  assert.equal(markdownOf('# a'), '# a');
  assert.equal(markdownOf({ markdown: 'b' }), 'b');
  assert.equal(markdownOf({ text: 'c' }), 'c');
  assert.equal(markdownOf([{ delta: 'd' }, 'e']), 'de');
  assert.equal(markdownOf({ other: 1 }), undefined);
  assert.equal(markdownOf(null), undefined);
});

test('markdownOrJson_FallsBackToJsonBlock', () => {
  assert.equal(markdownOrJson('T', { markdown: 'x' }), 'x');
  assert.match(markdownOrJson('Stats', { requests: 3 }), /^# Stats\n\n```json\n\{\n  "requests": 3\n\}\n```/);
});

test('stackTraceMarkdown_LinksFramesInTheWorkspace', () => {
  const markdown = stackTraceMarkdown({
    frames: [
      { symbol: 'Inventory.InventoryService.Receive', location: { uri: 'file:///w/InventoryService.cs', range: { start: { line: 9 } } } },
      { symbol: 'System.Linq.Enumerable.First' },
    ],
    explanation: 'The SKU is null.',
  });
  const link = /\[InventoryService\.cs:10\]\(command:codeassist\.openLocation\?([^)]+)\)/.exec(markdown);
  assert.ok(link, markdown);
  assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), ['file:///w/InventoryService.cs', 10]);
  assert.match(markdown, /`System\.Linq\.Enumerable\.First` \(not in the workspace\)/);
  assert.match(markdown, /The SKU is null\.\n$/);
});

test('statusPresentation_EachState', () => {
  assert.match(statusPresentation({ state: 'loading', percentage: 41.6 }).text, /loading 42%/);
  assert.match(statusPresentation({ state: 'noModel' }).tooltip, /Pull Model/);
  assert.equal(statusPresentation({ state: 'error', message: 'boom' }).error, true);
  assert.equal(statusPresentation({ state: 'error', message: 'boom' }).tooltip, 'boom');
  assert.match(statusPresentation({ state: 'generating' }).text, /generating/);
  assert.match(statusPresentation({ state: 'ready' }).text, /\$\(check\)/);
  assert.equal(statusPresentation({ state: 'ready', message: 'Ready', model: 'qwen' }).tooltip, 'Ready\nModel: qwen');
});

test('percentageOf_ProgressLines', () => {
  assert.equal(percentageOf('qwen.gguf  42% 12.1 MB/s'), 42);
  assert.equal(percentageOf('done 100.0%'), 100);
  assert.equal(percentageOf('resolving'), undefined);
  assert.equal(percentageOf('250%'), undefined);
  // the form `codeassist models pull` prints when its stderr is redirected
  assert.equal(percentageOf('[#########.....................]  30.0%  0.6 MiB / 2.0 MiB  5.9 MiB/s'), 30);
});

test('looksLikeStackTrace_DotNetFrames', () => {
  const trace = 'System.InvalidOperationException: nope\n   at Inventory.InventoryService.Receive(Product product, Int32 quantity) in /w/InventoryService.cs:line 10';
  assert.equal(looksLikeStackTrace(trace), true);
  assert.equal(looksLikeStackTrace('hello world'), false);
});

test('contextMarkdown_CodeBlockTokenCountAndItems', () => {
  const markdown = contextMarkdown({
    items: [{ kind: 'receiverMember', text: 'int Available', score: 0.9, location: { uri: 'file:///w/StockLevel.cs', range: { start: { line: 18, character: 4 } } } }, { kind: 'namespace', text: 'namespace Inventory;', score: 1 }],
    text: '// StockLevel.cs\npublic int Available => OnHand - Reserved;\n',
    tokenCount: 42,
    budgetTokens: 1024,
  });
  assert.match(markdown, /^# Context at cursor\n\n42 of 1024 tokens, 2 items\./);
  assert.match(markdown, /```csharp\n\/\/ StockLevel\.cs\npublic int Available => OnHand - Reserved;\n```/);
  assert.match(markdown, /\| receiverMember \| 0\.90 \| \[StockLevel\.cs:19\]\(command:codeassist\.openLocation\?/);
  assert.match(markdown, /\| namespace \| 1\.00 \|  \|/);
});

test('contextMarkdown_NoItems_SaysWhy', () => {
  assert.match(contextMarkdown({ items: [], text: '', tokenCount: 0, budgetTokens: 1024 }), /not in the loaded workspace/);
});
