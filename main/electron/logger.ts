import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { formatWithOptions } from 'node:util'
import { redactLogLine } from './log-redaction'

type LogLevel = 'info' | 'warn' | 'error'

export interface Logger {
  readonly file: string
  write(level: LogLevel, ...parts: unknown[]): void
}

const MAX_BYTES = 5 * 1024 * 1024

/**
 * The main-process log in the platform's log folder (app.getPath('logs')). Every line passes
 * redactLogLine() before it reaches the file, so a secret or token handed to the logger by mistake
 * is never written. One previous file is kept (`main.old.log`) once the log passes 5 MB.
 */
export function createFileLogger(folder: string, now: () => Date = () => new Date()): Logger {
  const file = join(folder, 'main.log')
  mkdirSync(folder, { recursive: true })
  return {
    file,
    write(level, ...parts) {
      const text = formatWithOptions({ depth: 4, breakLength: Infinity }, ...parts)
      const line = `${now().toISOString()} ${level.toUpperCase()} ${redactLogLine(text)}\n`
      try {
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES)
          renameSync(file, join(folder, 'main.old.log'))
        appendFileSync(file, line, { encoding: 'utf8', mode: 0o600 })
      } catch {
        // A full or read-only disk must not take the app down; the console still has the line.
      }
    },
  }
}
