/**
 * B3: indexing a ≥ 10 MB CSDL (the emulator's generator, 1,000 tables) against a bare saxes pass
 * over the same bytes (target ≤ 1.5×), and reopening the index from the disk cache (≤ 50 ms).
 * The bench's own Dataverse-shaped generator (with annotations on every column) runs as a second
 * document, so both shapes of $metadata are covered.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SaxesParser } from 'saxes'
import { MetadataIndex } from '@common/metadata/metadata-index'
import { MetadataCache } from '../main/dataverse/metadata/cache'
import { indexCsdlStream } from '../main/dataverse/metadata/csdl-index'
import { generateLargeCsdl } from '../emulator'
import { buildLargeCsdl } from './support/large-csdl'
import { compare, median, report } from './support/measure'

const CHUNK = 64 * 1024

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + CHUNK))
      offset += CHUNK
    },
  })
}

async function bareSaxes(bytes: Uint8Array): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false })
  const decoder = new TextDecoder('utf-8')
  const reader = stream(bytes).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.write(decoder.decode(value, { stream: true }))
  }
  parser.close()
}

let ok1 = true
let data = await indexCsdlStream(stream(new TextEncoder().encode('<Schema Namespace="x"/>')))
for (const [label, xml] of [
  ['emulator generateLargeCsdl', generateLargeCsdl({ tables: 1000 })],
  ['annotated Dataverse-shaped CSDL', buildLargeCsdl(1000)],
] as const) {
  const bytes = new TextEncoder().encode(xml)
  const {
    baseline,
    candidate: indexing,
    ratio,
  } = await compare(
    () => bareSaxes(bytes),
    async () => {
      data = await indexCsdlStream(stream(bytes))
    },
  )
  const counts = new MetadataIndex(data).counts()
  ok1 =
    report(
      'B3',
      `index a large CSDL vs a bare saxes pass (${label})`,
      ratio,
      'x',
      1.5,
      `${(bytes.length / 1e6).toFixed(1)} MB, ${counts.entityTypes} tables, ${counts.properties} columns; index ${indexing.toFixed(0)} ms, bare saxes ${baseline.toFixed(0)} ms (best of 9, interleaved)`,
    ) && ok1
}

const dir = await mkdtemp(join(tmpdir(), 'dvw-bench-metadata-'))
try {
  const cache = new MetadataCache(dir)
  const orgUrl = 'https://bench.crm.dynamics.com'
  await cache.write({ orgUrl, retrieveVersion: '9.2.0', builtAt: new Date().toISOString(), index: data })
  const reopen = await median(
    async () => {
      const entry = await cache.read(orgUrl, '9.2.0')
      if (!entry) throw new Error('cache miss')
      const reopened = new MetadataIndex(entry.index)
      // First use of a table decodes it: part of what "reopened and usable" costs.
      if (!reopened.entitySet('new_table0500s')?.property('new_column1')) throw new Error('index is not usable')
    },
    9,
    2,
  )
  const ok2 = report(
    'B3',
    'reopen the index from the disk cache',
    reopen,
    'ms',
    50,
    'read + parse + first table decoded',
  )
  process.exitCode = ok1 && ok2 ? 0 : 1
} finally {
  await rm(dir, { recursive: true, force: true })
}
