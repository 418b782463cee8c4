/**
 * runCheck(): the eleven steps of the preflight check as one dependency graph (common/check-steps.ts
 * draws it and says which step needs which), run by the pipeline engine (independent steps overlap),
 * with every request attributed to its step for the waterfall.
 */
import { randomUUID } from 'node:crypto'
import { CHECK_STEPS } from '@common/check-steps'
import { STEP_IDS, type CheckOutcome, type CheckResult, type RequestSpan, type StepResult } from '@common/diagnostics'
import { runPipeline, type PipelineStep } from '../pipeline'
import { createKit, type CheckEnvironment, type CheckInput, type CheckKit } from './context'
import { allSteps } from './steps'
import { warnAfterRetries } from './transient'

export interface RunCheckOptions {
  readonly checkId?: string
  readonly signal?: AbortSignal
  /** Every step as it starts and finishes. */
  readonly onProgress?: (step: StepResult) => void
}

export function checkSteps(kit: CheckKit): PipelineStep[] {
  const steps = allSteps(kit)
  // Declared in the order the UI and reports show them.
  return STEP_IDS.map((id) => {
    const step = steps.find((candidate) => candidate.id === id)
    if (!step) throw new Error(`no implementation for check step ${id}`)
    return {
      id,
      dependsOn: CHECK_STEPS[id].dependsOn,
      run: async (ctx) => warnAfterRetries(await step.run(ctx), kit.retries(id), kit.state.cloud),
    }
  })
}

function outcomeOf(steps: readonly StepResult[], cancelled: boolean): CheckOutcome {
  if (cancelled) return 'cancelled'
  if (steps.some((step) => step.status === 'fail')) return 'fail'
  if (steps.some((step) => step.status === 'warn')) return 'warn'
  return 'pass'
}

function spans(kit: CheckKit, origin: number): RequestSpan[] {
  return STEP_IDS.flatMap((stepId) =>
    kit
      .timeline(stepId)
      .entries()
      .map((entry) => ({
        stepId,
        method: entry.method,
        url: entry.url,
        ...(entry.status !== null ? { status: entry.status } : {}),
        startMs: Math.max(0, Date.parse(entry.startedAt) - origin),
        durationMs: entry.totalMs ?? entry.ttfbMs ?? 0,
        ...(entry.requestId ? { requestId: entry.requestId } : {}),
      })),
  ).sort((a, b) => a.startMs - b.startMs)
}

export async function runCheck(
  input: CheckInput,
  env: CheckEnvironment,
  options: RunCheckOptions = {},
): Promise<CheckResult> {
  const kit = createKit(input, env)
  const result = await runPipeline(checkSteps(kit), {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(env.now ? { now: () => new Date((env.now as () => number)()) } : {}),
  })
  return {
    checkId: options.checkId ?? randomUUID(),
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    outcome: outcomeOf(result.steps, result.cancelled),
    cancelled: result.cancelled,
    steps: [...result.steps],
    requests: spans(kit, Date.parse(result.startedAt)),
    resolved: {
      environmentUrl: kit.state.orgUrl || input.url,
      tenantId: kit.state.tenantId,
      authorityHost: kit.state.authorityHost,
    },
  }
}
