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
export function report(id: string, what: string, value: number, unit: 'x' | 'ms' | '', target: number, detail: string): boolean {
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
export async function compare(baseline: () => unknown, candidate: () => unknown, runs = 9): Promise<{ baseline: number; candidate: number; ratio: number }> {
  await baseline()
  await candidate()
  let best = { baseline: Number.POSITIVE_INFINITY, candidate: Number.POSITIVE_INFINITY }
  for (let i = 0; i < runs; i++) {
    for (const [key, run] of [['baseline', baseline], ['candidate', candidate]] as const) {
      const started = performance.now()
      await run()
      const elapsed = performance.now() - started
      if (elapsed < best[key]) best = { ...best, [key]: elapsed }
    }
  }
  return { ...best, ratio: best.candidate / best.baseline }
}
