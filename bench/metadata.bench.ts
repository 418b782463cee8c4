/**
 * B3: indexing a ≥ 10 MB CSDL (about 1,000 tables) against a bare saxes pass over the same bytes
 * (target ≤ 1.5×), and reopening the index from the disk cache (target ≤ 50 ms).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SaxesParser } from 'saxes'
import { MetadataIndex } from '../common/metadata/metadata-index'
import { MetadataCache } from '../main/dataverse/metadata/cache'
import { indexCsdlStream } from '../main/dataverse/metadata/csdl-index'
import { buildLargeCsdl } from './support/large-csdl'
import { compare, median, report } from './support/measure'

const CHUNK = 64 * 1024
const xml = buildLargeCsdl(1000)
const bytes = new TextEncoder().encode(xml)

function stream(): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + CHUNK))
      offset += CHUNK
    },
  })
}

async function bareSaxes(): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false })
  const decoder = new TextDecoder('utf-8')
  const reader = stream().getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.write(decoder.decode(value, { stream: true }))
  }
  parser.close()
}

let data = await indexCsdlStream(stream())
const { baseline, candidate: indexing, ratio } = await compare(bareSaxes, async () => {
  data = await indexCsdlStream(stream())
})
const index = new MetadataIndex(data)
const counts = index.counts()
const ok1 = report(
  'B3',
  'index a large CSDL vs a bare saxes pass',
  ratio,
  'x',
  1.5,
  `${(bytes.length / 1e6).toFixed(1)} MB, ${counts.entityTypes} tables, ${counts.properties} columns; index ${indexing.toFixed(0)} ms, bare saxes ${baseline.toFixed(0)} ms (best of 9, interleaved)`,
)

const dir = await mkdtemp(join(tmpdir(), 'dvw-bench-metadata-'))
try {
  const cache = new MetadataCache(dir)
  const orgUrl = 'https://bench.crm.dynamics.com'
  await cache.write({ orgUrl, retrieveVersion: '9.2.0', builtAt: new Date().toISOString(), index: data })
  const reopen = await median(async () => {
    const entry = await cache.read(orgUrl, '9.2.0')
    if (!entry) throw new Error('cache miss')
    const reopened = new MetadataIndex(entry.index)
    // First use of a table decodes it: part of what "reopened and usable" costs.
    if (!reopened.entitySet('new_table0500s')?.property('new_column1')) throw new Error('index is not usable')
  }, 9, 2)
  const ok2 = report('B3', 'reopen the index from the disk cache', reopen, 'ms', 50, 'read + parse + first table decoded')
  process.exitCode = ok1 && ok2 ? 0 : 1
} finally {
  await rm(dir, { recursive: true, force: true })
}
