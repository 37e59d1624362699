// codeAssist/didChangeCursor (client -> server, issue #15): where the cursor came to rest, so that the server can
// prepare the context of the next request while the user reads. Free of the vscode module (timers and the sender are
// passed in) for tests; cursorTracking.ts feeds it the editor's selection changes.

export const didChangeCursorNotification = 'codeAssist/didChangeCursor';

/** How long the cursor must stay put before it is reported: long enough to skip every keystroke of typing. */
export const cursorRestMs = 250;

export interface CursorParams {
  textDocument: { uri: string };
  /** An LSP position in the negotiated encoding. */
  position: { line: number; character: number };
}

/** True when the server lists codeAssist/didChangeCursor in `capabilities.experimental.codeAssist.methods`. */
export function advertisesCursorReports(capabilities: unknown): boolean {
  const experimental = (capabilities as { experimental?: { codeAssist?: { methods?: unknown } } } | undefined)?.experimental;
  const methods = experimental?.codeAssist?.methods;
  return Array.isArray(methods) && methods.includes(didChangeCursorNotification);
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Debounces cursor moves into reports: each move restarts the wait, and when it runs out the last position is
 * sent unless it is the one sent last (a move away and back, or a new server after reset(), behave as expected).
 */
export class CursorReporter {
  private pending: unknown;
  private latest: CursorParams | undefined;
  private lastSent: CursorParams | undefined;

  constructor(
    private readonly send: (params: CursorParams) => void,
    private readonly restMs = cursorRestMs,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The cursor is now at `params`; the report goes out once it rests there. */
  moved(params: CursorParams): void {
    this.latest = params;
    this.cancel();
    this.pending = this.timers.setTimeout(() => this.flush(), this.restMs);
  }

  /** Forgets what was sent (a new server knows nothing yet) and drops a pending report. */
  reset(): void {
    this.cancel();
    this.latest = undefined;
    this.lastSent = undefined;
  }

  dispose(): void {
    this.cancel();
  }

  private flush(): void {
    this.pending = undefined;
    const params = this.latest;
    if (!params || (this.lastSent && samePlace(params, this.lastSent))) {
      return;
    }
    this.lastSent = params;
    this.send(params);
  }

  private cancel(): void {
    if (this.pending !== undefined) {
      this.timers.clearTimeout(this.pending);
      this.pending = undefined;
    }
  }
}

function samePlace(a: CursorParams, b: CursorParams): boolean {
  return a.textDocument.uri === b.textDocument.uri && a.position.line === b.position.line && a.position.character === b.position.character;
}
