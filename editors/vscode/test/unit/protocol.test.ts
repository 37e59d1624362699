import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnverified, linkCheckedNames, openLocationLink, contextMarkdown, explainMarkdown, statsMarkdown, statValue, looksLikeStackTrace, markdownOf, markdownOrJson, percentageOf, stackTraceMarkdown, statusPresentation } from '../../src/protocol';

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

test('stackTraceMarkdown_LinksFramesInTheWorkspace_ThenTheAnswer', () => {
  const markdown = stackTraceMarkdown({
    exceptions: [
      {
        type: 'System.InvalidOperationException',
        message: 'Reserved went negative',
        frames: [
          { text: 'at Inventory.InventoryService.Receive(...)', inWorkspace: true, symbol: 'InventoryService.Receive(Product, int)', location: { uri: 'file:///w/InventoryService.cs', range: { start: { line: 9, character: 0 } } } },
          { text: 'at System.Linq.Enumerable.First(...)', inWorkspace: false, symbol: null },
        ],
      },
    ],
    markdown: 'The SKU is null.',
    modelId: 'scripted',
  });
  assert.match(markdown, /^# Stack trace\n\n## `System\.InvalidOperationException`: Reserved went negative\n/);
  const link = /- \*\*`InventoryService\.Receive\(Product, int\)`\*\* — \[InventoryService\.cs:10\]\(command:codeassist\.openLocation\?([^)]+)\)/.exec(markdown);
  assert.ok(link, markdown);
  assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), ['file:///w/InventoryService.cs', 10]);
  assert.match(markdown, /- `System\.Linq\.Enumerable\.First\(\.\.\.\)` \(external\)\n/);
  assert.match(markdown, /\n\nThe SKU is null\.\n$/);
});

test('stackTraceMarkdown_WithoutModel_ShowsTheNoticeNotTheRepeatedFrames', () => {
  const markdown = stackTraceMarkdown({ exceptions: [{ type: 'E', message: 'm', frames: [] }], markdown: '# `E`: m\n\n> No model', notice: 'No model: add one.' });
  assert.equal(markdown.match(/`E`: m/g)?.length, 1);
  assert.match(markdown, /> No model: add one\.\n$/);
});

test('explainMarkdown_NamesTheProviderThatAnswered', () => {
  assert.equal(explainMarkdown({ markdown: '## A', modelId: 'qwen-7b', provider: 'team' }), '## A\n\n---\n_answered by team (qwen-7b)_\n');
  assert.equal(explainMarkdown({ markdown: '## A', modelId: null, provider: 'local' }), '## A\n\n---\n_answered by local_\n');
});

test('stackTraceMarkdown_WithProvider_EndsWithWhoAnswered_AndLinksCheckedNames', () => {
  const markdown = stackTraceMarkdown({ exceptions: [], markdown: '[`Ship`](file:///w/StockLevel.cs#L34) adds stock.', modelId: 'qwen-7b', provider: 'team' });
  assert.match(markdown, /\[`Ship`\]\(command:codeassist\.openLocation\?[^)]+\) adds stock\.\n\n---\n_answered by team \(qwen-7b\)_\n$/);
  assert.doesNotMatch(stackTraceMarkdown({ exceptions: [], markdown: 'x', modelId: 'qwen-7b' }), /answered by|qwen/);
});

test('explainMarkdown_NamesTheModel', () => {
  assert.equal(explainMarkdown({ markdown: '## A', modelId: 'scripted', fromCache: true }), '## A\n\n---\n_scripted, from the cache_\n');
  assert.equal(explainMarkdown({ markdown: 'Roslyn summary', modelId: null, notice: 'No model' }), 'Roslyn summary');
  assert.equal(explainMarkdown('plain'), 'plain');
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

test('statValue_RoundedWithUnits', () => {
  assert.equal(statValue('latencyP95Ms', 37.03879999999998), '37 ms');
  assert.equal(statValue('typingThroughP95Ms', 0.0512), '0.1 ms');
  assert.equal(statValue('modelPromptTokensPerSecond', 183.04999), '183 tokens/s');
  assert.equal(statValue('modelGeneratedTokensPerSecond', 43.91), '43.9 tokens/s');
  assert.equal(statValue('modelGeneratedTokensPerSecond', 0), 'not measured yet');
  assert.equal(statValue('evaluatedPromptTokensP95', 180.4), '180 tokens');
  assert.equal(statValue('requests', 120), '120');
  assert.equal(statValue('requests', 1234567), '1234567');
});

test('statsMarkdown_FlatCountersAsATable_ElseJson', () => {
  assert.equal(statsMarkdown({ requests: 3, latencyP50Ms: 12.5 }), '# CodeAssist stats\n\n| counter | value |\n| --- | ---: |\n| requests | 3 |\n| latencyP50Ms | 13 ms |\n');
  assert.match(statsMarkdown({ nested: { a: 1 } }), /```json/);
});

test('isUnverified_ReadsTheAcceptedCommandsSecondArgument', () => {
  assert.equal(isUnverified({ command: { arguments: ['ca1', 'unverified'] } }), true);
  assert.equal(isUnverified({ command: { arguments: ['ca1', 'verified'] } }), false);
  assert.equal(isUnverified({ command: { arguments: ['ca1'] } }), false);
  assert.equal(isUnverified({}), false);
});

test('explainMarkdown_CheckedNamesOpenTheFileAtTheLine', () => {
  const markdown = explainMarkdown({
    markdown: '[`Reserved`](file:///w/StockLevel.cs#L16) grows; `Replenish()` (not found in this workspace)',
    modelId: 'm',
  });
  assert.ok(markdown?.startsWith(`[\`Reserved\`](${openLocationLink('file:///w/StockLevel.cs', 16)}) grows;`));
  assert.ok(markdown?.includes('`Replenish()` (not found in this workspace)'));
  assert.equal(linkCheckedNames('no links'), 'no links');
});
