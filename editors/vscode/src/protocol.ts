// The custom methods of the CodeAssist server (docs/lsp-extensions.md) as the client uses them. Results are read
// leniently: a plain string or an object with a markdown/text field both render, so that the view keeps working
// while the server's result records grow.

export const explainMethod = 'codeAssist/explain';
export const analyzeStackTraceMethod = 'codeAssist/analyzeStackTrace';
export const contextMethod = 'codeAssist/context';
export const statsMethod = 'codeAssist/stats';
export const statusNotification = 'codeAssist/status';

/**
 * True when the server marked an inline item as not checked by the compiler (completion.showUnverified). The state
 * is read from the accepted command's second argument: vscode-languageclient drops an item's `data`.
 */
export function isUnverified(item: { command?: { arguments?: unknown[] } }): boolean {
  return item.command?.arguments?.[1] === 'unverified';
}
/** Client to server: the user trusted the workspace folder (VS Code's Workspace Trust). */
export const didChangeTrustNotification = 'codeAssist/didChangeTrust';

export type ServerState = 'loading' | 'ready' | 'noModel' | 'generating' | 'degraded' | 'error';

export interface StatusParams {
  state: ServerState;
  message?: string;
  /** The active model's id, when there is one. */
  model?: string;
  /** Loading progress, 0-100, when known. */
  percentage?: number;
  /** False in an untrusted folder; its trusted-only settings are then ignored. */
  workspaceTrusted?: boolean;
  /** The untrusted folder's ignored settings, comma-separated. */
  ignoredSettings?: string;
}

/** The markdown in a streamed chunk or a final result, or undefined when it holds none. */
export function markdownOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    const parts = value.map(markdownOf).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join('') : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const field of ['markdown', 'text', 'delta', 'value', 'contents', 'explanation']) {
      const inner = markdownOf(record[field]);
      if (inner !== undefined) {
        return inner;
      }
    }
  }
  return undefined;
}

/** Markdown for a result that carries no markdown of its own (context, stats): a titled JSON block. */
export function markdownOrJson(title: string, value: unknown): string {
  const markdown = markdownOf(value);
  if (markdown !== undefined) {
    return markdown;
  }
  return `# ${title}\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n`;
}

/**
 * The codeAssist/context result: what a prompt would carry ({ items: [{ kind, text, score, location? }], text,
 * tokenCount, budgetTokens }), shown as the C# text with its token count and the ranked items.
 */
export function contextMarkdown(result: unknown): string {
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  if (typeof record.text !== 'string' || !Array.isArray(record.items)) {
    return markdownOrJson('Context at cursor', result);
  }
  const items = record.items as Array<{ kind?: string; score?: number; location?: { uri?: string; range?: { start?: { line?: number } } } }>;
  const lines = ['# Context at cursor', '', `${record.tokenCount ?? '?'} of ${record.budgetTokens ?? '?'} tokens, ${items.length} items.`, ''];
  if (items.length === 0) {
    lines.push('_No context here: the document is not in the loaded workspace._');
    return lines.join('\n') + '\n';
  }
  lines.push('```csharp', record.text.replace(/\n$/, ''), '```', '', '| kind | score | where |', '| --- | --- | --- |');
  for (const item of items) {
    const uri = item.location?.uri;
    const line = (item.location?.range?.start?.line ?? -1) + 1;
    const where = uri ? `[${decodeURIComponent(uri.split('/').pop() ?? uri)}:${line}](${openLocationLink(uri, line)})` : '';
    lines.push(`| ${item.kind ?? ''} | ${typeof item.score === 'number' ? item.score.toFixed(2) : ''} | ${where} |`);
  }
  return lines.join('\n') + '\n';
}

/** The codeAssist/stats result: a flat record of counters becomes a table; anything else, formatted JSON. */
export function statsMarkdown(result: unknown): string {
  const entries = typeof result === 'object' && result !== null && !Array.isArray(result) ? Object.entries(result) : [];
  if (entries.length === 0 || entries.some(([, value]) => typeof value === 'object' && value !== null)) {
    return markdownOrJson('CodeAssist stats', result);
  }
  return ['# CodeAssist stats', '', '| counter | value |', '| --- | ---: |', ...entries.map(([key, value]) => `| ${key} | ${statValue(key, value)} |`)].join('\n') + '\n';
}

/**
 * One stats value as a person reads it: rounded, with its unit taken from the counter's name (`...Ms`,
 * `...PerSecond`, `...Tokens...`). A speed of 0 means the server has not measured the model yet.
 */
export function statValue(key: string, value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
  const rounded = (digits: number) => value.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: false });
  if (/Ms$/.test(key)) return `${rounded(value < 10 ? 1 : 0)} ms`;
  if (/PerSecond$/.test(key)) return value === 0 ? 'not measured yet' : `${rounded(1)} tokens/s`;
  if (/Tokens/.test(key)) return `${rounded(0)} tokens`;
  return rounded(1);
}

/** The one command the markdown view may run: open a file at a 1-based line (markdown renderers refuse file: links). */
export const openLocationCommand = 'codeassist.openLocation';

export function openLocationLink(uri: string, line: number): string {
  return `command:${openLocationCommand}?${encodeURIComponent(JSON.stringify([uri, line]))}`;
}

interface FrameItem {
  text?: string;
  symbol?: string;
  inWorkspace?: boolean;
  location?: { uri?: string; range?: { start?: { line?: number } } };
}

/**
 * The codeAssist/analyzeStackTrace result ({ exceptions: [{ type, message, frames }], markdown, modelId?, notice? }):
 * each exception with its frames linked to file and line, then the model's answer. Without a model the server's
 * markdown repeats the frames, so only its notice is shown then.
 */
export function stackTraceMarkdown(result: unknown): string {
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const exceptions = Array.isArray(record.exceptions)
    ? (record.exceptions as Array<{ type?: string; message?: string; frames?: FrameItem[] }>)
    : [];
  const lines = ['# Stack trace', ''];
  for (const [index, exception] of exceptions.entries()) {
    lines.push(`${index === 0 ? '##' : '### Caught and wrapped by'} \`${exception.type ?? 'Exception'}\`: ${exception.message ?? ''}`, '');
    for (const frame of exception.frames ?? []) {
      const name = frame.symbol ?? frame.text?.trim().replace(/^at /, '') ?? 'frame';
      const uri = frame.location?.uri;
      const line = (frame.location?.range?.start?.line ?? -1) + 1;
      const link = uri ? ` — [${decodeURIComponent(uri.split('/').pop() ?? uri)}:${line}](${openLocationLink(uri, line)})` : '';
      lines.push(frame.inWorkspace === false ? `- \`${name}\` (external)${link}` : `- **\`${name}\`**${link}`);
    }
    lines.push('');
  }
  const answer = typeof record.notice === 'string' && record.notice ? `> ${record.notice}` : linkCheckedNames(markdownOf(record.markdown));
  if (answer) {
    lines.push(answer);
  }
  const footer = typeof record.provider === 'string' && record.provider ? answeredBy(result) : undefined;
  if (footer) {
    lines.push('', '---', footer);
  }
  return lines.join('\n').trimEnd() + '\n';
}

/**
 * The codeAssist/explain result ({ markdown, modelId?, fromCache?, notice?, provider? }) with a footer naming who
 * answered: the provider chain's link and its model ("answered by team (qwen2.5-coder-7b)"), or the model alone.
 */
export function explainMarkdown(result: unknown): string | undefined {
  const markdown = linkCheckedNames(markdownOf(result));
  const footer = answeredBy(result);
  return markdown === undefined || footer === undefined ? markdown : `${markdown.trimEnd()}\n\n---\n${footer}\n`;
}

/** "_answered by team (model)_", "_model, from the cache_", or undefined when the result names neither. */
export function answeredBy(result: unknown): string | undefined {
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const model = typeof record.modelId === 'string' && record.modelId ? record.modelId : undefined;
  const provider = typeof record.provider === 'string' && record.provider ? record.provider : undefined;
  const cached = record.fromCache === true ? ', from the cache' : '';
  if (provider) {
    return `_answered by ${provider}${model ? ` (${model})` : ''}${cached}_`;
  }
  return model ? `_${model}${cached}_` : undefined;
}

/**
 * The server links each checked name to its declaration as `[name](file:///…#L12)`; the view cannot open file:
 * links, so they become the open-location command (the same file at the same 1-based line).
 */
export function linkCheckedNames(markdown: string | undefined): string | undefined {
  return markdown?.replace(/\]\((file:\/\/[^)#\s]+)#L(\d+)\)/g, (_, uri: string, line: string) => `](${openLocationLink(uri, Number(line))})`);
}

export interface StatusPresentation {
  text: string;
  tooltip: string;
  error: boolean;
}

/** What the status bar item shows for a server state (or a client state such as starting or restarting). */
export function statusPresentation(status: StatusParams | { state: 'starting' | 'restarting' | 'stopped'; message?: string }): StatusPresentation {
  const model = 'model' in status && status.model ? `Model: ${status.model}` : '';
  const ignored = 'ignoredSettings' in status && status.ignoredSettings
    ? `Restricted Mode: ignored this folder's ${status.ignoredSettings}. Trust the workspace to apply them.`
    : '';
  const message = [status.message ?? '', model, ignored].filter(Boolean).join('\n');
  switch (status.state) {
    case 'loading': {
      const percentage = 'percentage' in status && typeof status.percentage === 'number' ? ` ${Math.round(status.percentage)}%` : '';
      return { text: `$(sync~spin) CodeAssist: loading${percentage}`, tooltip: message || 'Loading the model', error: false };
    }
    case 'ready':
      return { text: '$(check) CodeAssist', tooltip: message || 'Ready', error: false };
    case 'noModel':
      return {
        text: '$(circle-slash) CodeAssist: Roslyn only',
        tooltip: message || 'No model configured: answers come from Roslyn alone. Run "CodeAssist: Pull Model" to add one.',
        error: false,
      };
    case 'generating':
      return { text: '$(loading~spin) CodeAssist: generating', tooltip: message || 'Generating', error: false };
    case 'degraded':
      return { text: '$(warning) CodeAssist: degraded', tooltip: message || 'The model server keeps failing; requests are paused', error: true };
    case 'error':
      return { text: '$(error) CodeAssist: error', tooltip: message || 'Error: see the output', error: true };
    case 'starting':
      return { text: '$(sync~spin) CodeAssist: starting', tooltip: message || 'Starting the server', error: false };
    case 'restarting':
      return { text: '$(debug-restart) CodeAssist: restarting', tooltip: message || 'Restarting the server', error: true };
    case 'stopped':
      return { text: '$(debug-stop) CodeAssist: stopped', tooltip: message || 'The server is not running', error: true };
    default:
      return { text: '$(question) CodeAssist', tooltip: message, error: false };
  }
}

/** Parses a percentage out of a progress line printed by `codeassist models pull` ("... 42% ..."). */
export function percentageOf(line: string): number | undefined {
  const match = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(line);
  if (!match) {
    return undefined;
  }
  const value = Number(match[1]);
  return value >= 0 && value <= 100 ? value : undefined;
}

/** Looks like a .NET stack trace: at least one "at Namespace.Type.Method(...)" frame line. */
export function looksLikeStackTrace(text: string): boolean {
  return /^\s*at\s+\S+\(.*\)/m.test(text);
}
