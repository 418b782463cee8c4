/** Median wall time of `runs` calls after `warmup` unmeasured ones, in milliseconds. */
export async function median(run: () => unknown, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Number.NaN
}

/** One line per figure: `B3 index CSDL: 1.21x (target <= 1.5x) ...`, plus PASS/FAIL. */
export function report(
  id: string,
  what: string,
  value: number,
  unit: 'x' | 'ms' | '',
  target: number,
  detail: string,
): boolean {
  const pass = value <= target
  const shown = unit === 'x' ? `${value.toFixed(2)}x` : unit === 'ms' ? `${value.toFixed(1)} ms` : String(value)
  const goal = unit === 'x' ? `${target}x` : unit === 'ms' ? `${target} ms` : String(target)
  console.log(`${id} ${what}: ${shown} (target <= ${goal}) ${pass ? 'PASS' : 'FAIL'} — ${detail}`)
  return pass
}

/**
 * Baseline and candidate run alternately, `runs` times each after a warm-up, and the best time of
 * each is compared: on a shared machine the minimum is the figure least disturbed by other work.
 */
export async function compare(
  baseline: () => unknown,
  candidate: () => unknown,
  runs = 9,
): Promise<{ baseline: number; candidate: number; ratio: number }> {
  await baseline()
  await candidate()
  let best = { baseline: Number.POSITIVE_INFINITY, candidate: Number.POSITIVE_INFINITY }
  for (let i = 0; i < runs; i++) {
    for (const [key, run] of [
      ['baseline', baseline],
      ['candidate', candidate],
    ] as const) {
      const started = performance.now()
      await run()
      const elapsed = performance.now() - started
      if (elapsed < best[key]) best = { ...best, [key]: elapsed }
    }
  }
  return { ...best, ratio: best.candidate / best.baseline }
}

export interface Spread {
  readonly median: number
  /** 25th and 75th percentiles: half of the rounds fall between them. */
  readonly p25: number
  readonly p75: number
  readonly min: number
  readonly max: number
}

function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] ?? Number.NaN
  return {
    median: at(0.5),
    p25: at(0.25),
    p75: at(0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  }
}

export interface Interleaved {
  readonly rounds: number
  /** Wall times in milliseconds. */
  readonly baseline: Spread
  readonly candidate: Spread
  /** candidate / baseline of each round. */
  readonly ratio: Spread
}

/**
 * Baseline and candidate run back to back in every round, the order swapped from one round to the
 * next, after `warmup` unmeasured rounds of both. The figure is the median of the per-round ratios:
 * the two runs of a round see the same load from other processes, and swapping the order means
 * neither side always inherits the other's garbage to collect.
 */
export async function interleave(
  baseline: () => unknown,
  candidate: () => unknown,
  options: { rounds?: number; warmup?: number } = {},
): Promise<Interleaved> {
  const rounds = options.rounds ?? 41
  for (let i = 0; i < (options.warmup ?? 5); i++) {
    await baseline()
    await candidate()
  }
  const time = async (run: () => unknown): Promise<number> => {
    const started = performance.now()
    await run()
    return performance.now() - started
  }
  const base: number[] = []
  const cand: number[] = []
  const ratios: number[] = []
  for (let i = 0; i < rounds; i++) {
    let b: number
    let c: number
    if (i % 2 === 0) {
      b = await time(baseline)
      c = await time(candidate)
    } else {
      c = await time(candidate)
      b = await time(baseline)
    }
    base.push(b)
    cand.push(c)
    ratios.push(c / b)
  }
  return { rounds, baseline: spreadOf(base), candidate: spreadOf(cand), ratio: spreadOf(ratios) }
}

/** `1.08x (IQR 1.05–1.11, range 0.98–1.30, 41 rounds)`-style detail for a report line. */
export function describeSpread(spread: Spread, digits = 2): string {
  const f = (value: number) => value.toFixed(digits)
  return `IQR ${f(spread.p25)}–${f(spread.p75)}, range ${f(spread.min)}–${f(spread.max)}`
}
