import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

export interface DvwRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const bin = resolve(import.meta.dirname, '../../bin/dvw.js')

/** Runs the built `dvw` command as a user would, with optional stdin and environment. */
export function runDvw(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<DvwRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}
