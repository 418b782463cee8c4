import { describe, expect, it } from 'vitest'
import type { StepId, StepResult } from '@common/diagnostics'
import { runPipeline, type PipelineStep, type StepOutcome } from '../../../../main/diagnostics/pipeline'

/** A fake step: waits `ms` (abortably), records when it ran, then returns `outcome`. */
function step(
  id: StepId,
  dependsOn: StepId[],
  ms: number,
  log: string[],
  outcome: Partial<StepOutcome> = {},
): PipelineStep {
  return {
    id,
    dependsOn,
    run: ({ signal }) =>
      new Promise((resolve, reject) => {
        log.push(`start ${id}`)
        const timer = setTimeout(() => {
          log.push(`end ${id}`)
          resolve({ status: 'pass', summary: `${id} ok`, ...outcome })
        }, ms)
        signal.addEventListener('abort', () => {
          clearTimeout(timer)
          log.push(`aborted ${id}`)
          reject(signal.reason)
        })
      }),
  }
}

const status = (steps: readonly StepResult[]) => Object.fromEntries(steps.map((s) => [s.id, s.status]))

describe('check pipeline engine', () => {
  it('runs independent steps in parallel and dependants after their dependencies', async () => {
    const log: string[] = []
    const result = await runPipeline([
      step('config', [], 5, log),
      step('dns', ['config'], 40, log),
      step('discovery', ['config'], 40, log),
      step('tls', ['dns'], 5, log),
      step('token', ['discovery', 'tls'], 5, log),
    ])
    expect(status(result.steps)).toEqual({ config: 'pass', dns: 'pass', discovery: 'pass', tls: 'pass', token: 'pass' })
    // dns and discovery overlap: both start before either ends.
    expect(log.indexOf('start discovery')).toBeLessThan(log.indexOf('end dns'))
    expect(log.indexOf('start dns')).toBeLessThan(log.indexOf('end discovery'))
    expect(log.indexOf('start token')).toBeGreaterThan(log.indexOf('end tls'))
    expect(log.indexOf('start token')).toBeGreaterThan(log.indexOf('end discovery'))
    expect(result.steps.map((s) => s.id)).toEqual(['config', 'dns', 'discovery', 'tls', 'token'])
    expect(result.cancelled).toBe(false)
  })

  it('skips the dependants of a failed step with the reason, transitively, and runs the rest', async () => {
    const log: string[] = []
    const result = await runPipeline([
      step('config', [], 1, log),
      step('token', ['config'], 1, log, { status: 'fail', summary: 'AADSTS7000215' }),
      step('token-claims', ['token'], 1, log),
      step('whoami', ['token-claims'], 1, log),
      step('dns', ['config'], 1, log, { status: 'warn' }),
      step('tls', ['dns'], 1, log),
    ])
    expect(status(result.steps)).toEqual({
      config: 'pass',
      token: 'fail',
      'token-claims': 'skip',
      whoami: 'skip',
      dns: 'warn',
      tls: 'pass',
    })
    expect(result.steps.find((s) => s.id === 'token-claims')?.summary).toBe('Skipped because token failed.')
    expect(result.steps.find((s) => s.id === 'whoami')?.summary).toBe('Skipped because token-claims could not run.')
    expect(log).not.toContain('start whoami')
  })

  it('lets a step that skips itself (offline sample) not block the steps after it', async () => {
    const log: string[] = []
    const result = await runPipeline([
      step('dns', [], 1, log, { status: 'skip', summary: 'offline sample environment' }),
      step('tls', ['dns'], 1, log, { status: 'skip', summary: 'offline sample environment' }),
      step('discovery', ['tls'], 1, log),
    ])
    expect(status(result.steps)).toEqual({ dns: 'skip', tls: 'skip', discovery: 'pass' })
  })

  it('reports progress: running, then the result, for every step', async () => {
    const events: string[] = []
    await runPipeline(
      [
        step('config', [], 1, []),
        step('token', ['config'], 1, [], { status: 'fail' }),
        step('whoami', ['token'], 1, []),
      ],
      {
        onProgress: (s) => events.push(`${s.id}:${s.status}`),
      },
    )
    expect(events).toEqual(['config:running', 'config:pass', 'token:running', 'token:fail', 'whoami:skip'])
  })

  it('passes dependency results to a step', async () => {
    let seen: string | undefined
    await runPipeline([
      {
        id: 'token',
        dependsOn: [],
        run: async () => ({ status: 'pass', summary: 'got one', facts: [{ label: 'aud', value: 'x' }] }),
      },
      {
        id: 'token-claims',
        dependsOn: ['token'],
        run: async ({ results }) => ((seen = results.get('token')?.facts[0]?.value), { status: 'pass', summary: '' }),
      },
    ])
    expect(seen).toBe('x')
  })

  it('turns a crashing step into a failure instead of hanging', async () => {
    const result = await runPipeline([
      { id: 'config', dependsOn: [], run: () => Promise.reject(new Error('boom')) },
      {
        id: 'dns',
        dependsOn: [],
        run: () => {
          throw new Error('sync boom')
        },
      },
    ])
    expect(result.steps.map((s) => [s.status, s.summary])).toEqual([
      ['fail', 'The step stopped with an unexpected error: boom'],
      ['fail', 'The step stopped with an unexpected error: sync boom'],
    ])
  })

  it('cancels at any moment: running steps get the abort, the rest are skipped, and it returns at once', async () => {
    const log: string[] = []
    const controller = new AbortController()
    const stubborn: PipelineStep = { id: 'tls', dependsOn: [], run: () => new Promise(() => log.push('start tls')) }
    const pending = runPipeline(
      [step('config', [], 1, log), step('dns', ['config'], 10_000, log), stubborn, step('token', ['dns'], 1, log)],
      {
        signal: controller.signal,
      },
    )
    await new Promise((r) => setTimeout(r, 30))
    controller.abort(new Error('user cancelled'))
    // The tls step never settles: if the engine waited for running steps, this would hang.
    const result = await pending
    expect(result.cancelled).toBe(true)
    expect(log).toContain('aborted dns')
    expect(status(result.steps)).toEqual({ config: 'pass', dns: 'skip', tls: 'skip', token: 'skip' })
    expect(result.steps.find((s) => s.id === 'dns')?.summary).toBe('Cancelled while running.')
    expect(result.steps.find((s) => s.id === 'token')?.summary).toBe('Not run: the check was cancelled.')
  })

  it('returns a cancelled result without running anything when the signal is already aborted', async () => {
    const log: string[] = []
    const controller = new AbortController()
    controller.abort()
    const result = await runPipeline([step('config', [], 1, log)], { signal: controller.signal })
    expect(result.cancelled).toBe(true)
    expect(log).toEqual([])
  })

  it('rejects unknown dependencies and cycles up front', () => {
    expect(() => runPipeline([step('tls', ['dns'], 1, [])])).toThrow(/unknown step dns/)
    expect(() => runPipeline([step('dns', ['tls'], 1, []), step('tls', ['dns'], 1, [])])).toThrow(/cycle/)
  })
})
