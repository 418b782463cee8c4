import type { Diagnosis, Evidence, Fact, StepId, StepResult } from '@common/diagnostics'

/** What a step's run() returns; the engine adds the id, start time and duration. */
export interface StepOutcome {
  readonly status: 'pass' | 'warn' | 'fail' | 'skip'
  readonly summary: string
  readonly facts?: readonly Fact[]
  readonly evidence?: Evidence
  readonly diagnoses?: readonly Diagnosis[]
}

interface StepContext {
  /** Aborted when the check is cancelled; pass it to every request the step makes. */
  readonly signal: AbortSignal
  /** Results of the steps this one depends on (all finished, none failed). */
  readonly results: ReadonlyMap<StepId, StepResult>
}

export interface PipelineStep {
  readonly id: StepId
  readonly dependsOn: readonly StepId[]
  run(ctx: StepContext): Promise<StepOutcome>
}

export interface PipelineOptions {
  readonly signal?: AbortSignal
  /** Called when a step starts running and when it finishes (or is skipped). */
  readonly onProgress?: (step: StepResult) => void
  /** Clock for start times; tests pin it. */
  readonly now?: () => Date
}

export interface PipelineResult {
  readonly startedAt: string
  readonly durationMs: number
  readonly cancelled: boolean
  /** In the order the steps were declared. */
  readonly steps: readonly StepResult[]
}

function validate(steps: readonly PipelineStep[]): void {
  const ids = new Set(steps.map((step) => step.id))
  if (ids.size !== steps.length) throw new Error('pipeline: step ids must be unique')
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      if (!ids.has(dependency)) throw new Error(`pipeline: ${step.id} depends on unknown step ${dependency}`)
    }
  }
  const visiting = new Set<StepId>()
  const done = new Set<StepId>()
  const byId = new Map(steps.map((step) => [step.id, step]))
  const visit = (id: StepId): void => {
    if (done.has(id)) return
    if (visiting.has(id)) throw new Error(`pipeline: dependency cycle through ${id}`)
    visiting.add(id)
    for (const dependency of byId.get(id)?.dependsOn ?? []) visit(dependency)
    visiting.delete(id)
    done.add(id)
  }
  for (const step of steps) visit(step.id)
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Runs steps as soon as their dependencies have finished, so independent steps overlap. A step
 * whose dependency failed (or was itself blocked) is skipped with the reason; a step that
 * skips itself (say, DNS in the offline sample) does not block the ones after it. Cancelling
 * aborts the running steps' signal and returns at once without waiting for them.
 */
export function runPipeline(steps: readonly PipelineStep[], options: PipelineOptions = {}): Promise<PipelineResult> {
  validate(steps)
  const now = options.now ?? (() => new Date())
  const startedAt = now()
  const started = performance.now()
  const abort = new AbortController()
  const results = new Map<StepId, StepResult>()
  const blocked = new Set<StepId>()
  const running = new Set<StepId>()
  const startTimes = new Map<StepId, { iso: string; at: number }>()
  let cancelled = false
  let settled = false

  const emit = (result: StepResult) => options.onProgress?.(result)
  const blank = (id: StepId, status: StepResult['status'], summary: string): StepResult => ({
    id,
    status,
    durationMs: 0,
    summary,
    facts: [],
    diagnoses: [],
  })

  return new Promise<PipelineResult>((resolve) => {
    const finish = () => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', onAbort)
      resolve({
        startedAt: startedAt.toISOString(),
        durationMs: performance.now() - started,
        cancelled,
        steps: steps.map((step) => results.get(step.id) ?? blank(step.id, 'skip', 'Not run.')),
      })
    }

    const record = (result: StepResult) => {
      results.set(result.id, result)
      emit(result)
    }

    const complete = (step: PipelineStep, outcome: StepOutcome) => {
      if (settled) return
      running.delete(step.id)
      const start = startTimes.get(step.id)
      record({
        id: step.id,
        status: outcome.status,
        ...(start ? { startedAt: start.iso } : {}),
        durationMs: start ? performance.now() - start.at : 0,
        summary: outcome.summary,
        facts: [...(outcome.facts ?? [])],
        ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
        diagnoses: [...(outcome.diagnoses ?? [])],
      })
      schedule()
    }

    const start = (step: PipelineStep) => {
      running.add(step.id)
      startTimes.set(step.id, { iso: now().toISOString(), at: performance.now() })
      emit({ ...blank(step.id, 'running', 'Running…'), startedAt: startTimes.get(step.id)?.iso })
      const dependencies = new Map(step.dependsOn.map((id) => [id, results.get(id) as StepResult]))
      let pending: Promise<StepOutcome>
      try {
        pending = step.run({ signal: abort.signal, results: dependencies })
      } catch (error) {
        pending = Promise.reject(error)
      }
      pending.then(
        (outcome) => complete(step, outcome),
        (error: unknown) =>
          complete(step, { status: 'fail', summary: `The step stopped with an unexpected error: ${message(error)}` }),
      )
    }

    const schedule = () => {
      if (settled) return
      let progressed = true
      while (progressed) {
        progressed = false
        for (const step of steps) {
          if (results.has(step.id) || running.has(step.id)) continue
          if (!step.dependsOn.every((id) => results.has(id))) continue
          const blocker = step.dependsOn.find((id) => results.get(id)?.status === 'fail' || blocked.has(id))
          if (blocker) {
            blocked.add(step.id)
            const reason = results.get(blocker)?.status === 'fail' ? `${blocker} failed` : `${blocker} could not run`
            record(blank(step.id, 'skip', `Skipped because ${reason}.`))
          } else {
            start(step)
          }
          progressed = true
        }
      }
      if (running.size === 0 && steps.every((step) => results.has(step.id))) finish()
    }

    function onAbort() {
      if (settled) return
      cancelled = true
      abort.abort(options.signal?.reason)
      for (const step of steps) {
        if (results.has(step.id)) continue
        const start = startTimes.get(step.id)
        record({
          ...blank(
            step.id,
            'skip',
            running.has(step.id) ? 'Cancelled while running.' : 'Not run: the check was cancelled.',
          ),
          ...(start ? { startedAt: start.iso, durationMs: performance.now() - start.at } : {}),
        })
      }
      running.clear()
      finish()
    }

    if (options.signal?.aborted) {
      onAbort()
      return
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    schedule()
  })
}
