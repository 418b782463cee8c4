/**
 * The waterfall picture of a check: one bar per step and per request, positioned on the check's
 * own timeline. Pure layout data shared by the UI and the HTML report, so both draw the same thing.
 */
import type { CheckResult, StepStatus } from './diagnostics'

export interface WaterfallBar {
  readonly label: string
  readonly kind: 'step' | 'request'
  readonly status: StepStatus | 'request'
  /** Milliseconds from the check's start. */
  readonly startMs: number
  readonly durationMs: number
  readonly detail: string
}

export interface Waterfall {
  readonly totalMs: number
  readonly bars: readonly WaterfallBar[]
  /** The longest chain of back-to-back steps, by id: where the time went. */
  readonly criticalPath: readonly string[]
}

export function buildWaterfall(check: Pick<CheckResult, 'startedAt' | 'durationMs' | 'steps' | 'requests'>): Waterfall {
  const origin = Date.parse(check.startedAt)
  const bars: WaterfallBar[] = []
  for (const step of check.steps) {
    if (!step.startedAt) continue
    const startMs = Math.max(0, Date.parse(step.startedAt) - origin)
    bars.push({
      label: step.id,
      kind: 'step',
      status: step.status,
      startMs,
      durationMs: step.durationMs,
      detail: step.summary,
    })
    for (const request of check.requests.filter((r) => r.stepId === step.id)) {
      bars.push({
        label: `${request.method} ${request.url}`,
        kind: 'request',
        status: 'request',
        startMs: request.startMs,
        durationMs: request.durationMs,
        detail: request.status !== undefined ? `HTTP ${request.status}` : 'no response',
      })
    }
  }
  const totalMs = Math.max(check.durationMs, ...bars.map((bar) => bar.startMs + bar.durationMs), 1)
  return { totalMs, bars, criticalPath: criticalPath(bars.filter((bar) => bar.kind === 'step')) }
}

/** Walks back from the step that ended last to the step that ended closest before it started. */
function criticalPath(steps: readonly WaterfallBar[]): string[] {
  const end = (bar: WaterfallBar) => bar.startMs + bar.durationMs
  let current = [...steps].sort((a, b) => end(b) - end(a))[0]
  const path: string[] = []
  while (current) {
    path.unshift(current.label)
    const start = current.startMs
    current = steps
      .filter((bar) => end(bar) <= start + 1 && !path.includes(bar.label))
      .sort((a, b) => end(b) - end(a))[0]
  }
  return path
}
