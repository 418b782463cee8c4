/**
 * A small seeded PRNG (sfc32) so every emulator started with the same seed holds the same data.
 * Math.random is never used for data: tests and docs name rows by their generated ids.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  /** True with the given probability. */
  chance(probability: number): boolean
  /** A version-4-shaped GUID in lower case. */
  guid(): string
  /**
   * The `index`-th of `count` GUIDs that sort in index order (their first 32 bits are spread
   * evenly over the range), so generated tables need no sort. They still look random.
   */
  orderedGuid(index: number, count: number): string
}

function hashSeed(seed: string | number): [number, number, number, number] {
  // cyrb128: spreads any seed text over four 32-bit words.
  const text = String(seed)
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

const HEX = '0123456789abcdef'
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? `0${i.toString(16)}` : i.toString(16)))
const hex8 = (n: number): string =>
  (BYTE_HEX[n >>> 24] as string) +
  (BYTE_HEX[(n >>> 16) & 255] as string) +
  (BYTE_HEX[(n >>> 8) & 255] as string) +
  (BYTE_HEX[n & 255] as string)

export function createRandom(seed: string | number): Random {
  let [a, b, c, d] = hashSeed(seed)
  const nextUint = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  const next = (): number => nextUint() / 4294967296
  const word = (): string => hex8(nextUint())
  const tail = (first: string): string => {
    const b = word()
    const c = word()
    const variant = HEX[8 + (nextUint() & 3)] ?? '8'
    return `${first}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(0, 3)}-${c.slice(3, 7)}${word()}`
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick() from an empty list')
      return item
    },
    chance: (probability) => next() < probability,
    guid: () => tail(word()),
    orderedGuid: (index, count) => {
      const width = 4294967296 / Math.max(1, count)
      return tail(hex8(Math.floor(index * width + next() * width * 0.999) >>> 0))
    },
  }
}

/** A stable GUID for a name, so fixed things (privileges, metadata ids) need no table of constants. */
export function guidFor(name: string): string {
  return createRandom(`guid:${name}`).guid()
}
