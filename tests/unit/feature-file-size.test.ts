import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')
const FEATURES = join(ROOT, 'renderer', 'src', 'features')
/** The style rule: a renderer feature file over this many lines is split into parts that name themselves. */
const MAX_LINES = 400

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  )
}

function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8')
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

describe('renderer feature files stay small', () => {
  const files = filesUnder(FEATURES).filter((file) => /\.(ts|tsx|css)$/.test(file))

  it('finds the feature files (a moved folder must not make this pass by reading nothing)', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it(`has no file over ${MAX_LINES} lines under renderer/src/features`, () => {
    const tooLong = files
      .map((file) => ({ file: relative(ROOT, file), lines: lineCount(file) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`)
    expect(tooLong).toEqual([])
  })
})
