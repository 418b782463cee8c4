/** "Did you mean": nearest candidate names by Damerau-Levenshtein distance (optimal string alignment). */

/** Edit distance where a swap of two neighbouring letters counts as one edit (`slect` → `select` is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  const width = b.length + 1
  let prevPrev = new Array<number>(width).fill(0)
  let prev = Array.from({ length: width }, (_, j) => j)
  let current = new Array<number>(width).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let best = Math.min((prev[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        best = Math.min(best, (prevPrev[j - 2] ?? 0) + 1)
      }
      current[j] = best
    }
    ;[prevPrev, prev, current] = [prev, current, prevPrev]
  }
  return prev[b.length] ?? 0
}

/**
 * Up to `limit` candidates close to `input`, best first. Comparison ignores case (a case-only
 * difference ranks first); the allowed distance grows with the length of what was typed, so
 * short names only match near-misses; a candidate that contains what was typed ranks after those.
 */
export function suggest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const typed = input.toLowerCase()
  const allowed = Math.max(1, Math.min(3, Math.floor(typed.length / 3)))
  const scored: { name: string; score: number }[] = []
  for (const name of candidates) {
    if (name === input) continue
    const lower = name.toLowerCase()
    let score: number
    if (lower === typed) score = 0
    else if (lower.startsWith(typed) && typed.length >= 3 && lower.length - typed.length <= 2) score = 0.5
    else {
      const distance = editDistance(typed, lower)
      // Column names often extend a word the user remembers (name → fullname, email → emailaddress1).
      if (distance > allowed && !(typed.length >= 4 && lower.includes(typed))) continue
      score = distance > allowed ? allowed + 0.5 : distance
    }
    scored.push({ name, score })
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
  return scored.slice(0, limit).map((s) => s.name)
}
