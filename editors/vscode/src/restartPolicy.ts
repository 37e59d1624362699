// When to restart a crashed server. A server that keeps crashing is given up on, so that a broken install does
// not spin; one that stayed up for a while earns a fresh budget.

export interface RestartDecision {
  delayMs: number;
  attempt: number;
}

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly delaysMs: readonly number[] = [500, 2000, 5000, 10000, 20000],
    private readonly windowMs: number = 3 * 60_000,
  ) {}

  /** Records a crash; returns how long to wait before restarting, or undefined to give up. */
  onCrash(): RestartDecision | undefined {
    const now = this.now();
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    const attempt = this.crashes.length;
    if (attempt > this.delaysMs.length) {
      return undefined;
    }
    return { delayMs: this.delaysMs[attempt - 1], attempt };
  }

  /** A deliberate restart (the Restart Server command) starts from a clean slate. */
  reset(): void {
    this.crashes = [];
  }

  get maxAttempts(): number {
    return this.delaysMs.length;
  }
}
