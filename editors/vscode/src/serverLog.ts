// The server logs to stderr in Microsoft.Extensions.Logging's console form ("12:00:00.000 info: Category[1] text").
// The client shows each line at its own level instead of marking all of stderr as errors.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const levels: Record<string, LogLevel> = {
  trce: 'trace',
  dbug: 'debug',
  info: 'info',
  warn: 'warn',
  fail: 'error',
  crit: 'error',
};

/** The level and the text without the time and level prefix; lines in another form (a crash dump) are errors. */
export function parseServerLogLine(line: string): { level: LogLevel; text: string } {
  const match = /^(?:\S+\s+)?(trce|dbug|info|warn|fail|crit):\s?(.*)$/.exec(line);
  return match ? { level: levels[match[1]], text: match[2] } : { level: 'error', text: line };
}
