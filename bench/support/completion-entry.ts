/** Bundled into an IIFE by bench/renderer.bench.ts and run in Chromium: the editor's completion over one index. */
import { MetadataIndex } from '@common/metadata/metadata-index'
import type { MetadataIndexData } from '@common/metadata/packed'
import { odataSuggestions } from '../../renderer/src/editor/odata-service'

export async function measureCompletion(
  data: MetadataIndexData,
  cases: readonly { text: string; offset: number }[],
): Promise<{ latencies: number[]; items: number }> {
  // Built once when the index arrives over IPC, as the renderer does.
  const index = new MetadataIndex(data)
  const latencies: number[] = []
  let items = 0
  for (const { text, offset } of cases) {
    const started = performance.now()
    const result = await odataSuggestions(text, offset, { index })
    latencies.push(performance.now() - started)
    items += result.items.length
  }
  return { latencies, items }
}
