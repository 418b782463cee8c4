import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { MetadataSource } from '../../main/dataverse/metadata/source'

export const SMALL_CSDL = readFileSync(resolve(import.meta.dirname, '../fixtures/metadata/small-csdl.xml'), 'utf8')

/** Splits text into a byte stream with tiny chunks, so parsers meet split tags and split UTF-8 sequences. */
export function chunkedStream(text: string, chunkSize: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close()
        return
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize))
      offset += chunkSize
    },
  })
}

export interface FixtureRoute {
  (path: string): Response | undefined
}

/**
 * A Web API stand-in for metadata tests until the emulator lands: answers RetrieveVersion,
 * $metadata (streamed in small chunks) and EntityDefinitions choice queries from fixtures, and
 * records every path it was asked for.
 */
export function fixtureSource(options: {
  orgUrl?: string
  version?: () => string
  csdl?: string
  choices?: Record<
    string,
    Record<string, { LogicalName: string; OptionSet: { Options: { Value: number; Label: unknown }[] } }[]>
  >
  extra?: FixtureRoute
}): MetadataSource & { readonly requests: string[] } {
  const requests: string[] = []
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  return {
    orgUrl: options.orgUrl ?? 'https://contoso.crm.dynamics.com',
    requests,
    get: async (path) => {
      requests.push(path)
      const extra = options.extra?.(path)
      if (extra) return extra
      if (path === 'RetrieveVersion()') return json({ Version: options.version?.() ?? '9.2.24091.00190' })
      if (path === '$metadata')
        return new Response(chunkedStream(options.csdl ?? SMALL_CSDL, 257), {
          headers: { 'content-type': 'application/xml' },
        })
      const match = /^EntityDefinitions\(LogicalName='([^']+)'\)\/Attributes\/Microsoft\.Dynamics\.CRM\.(\w+)\?/.exec(
        path,
      )
      if (match) return json({ value: options.choices?.[match[1] ?? '']?.[match[2] ?? ''] ?? [] })
      return json({ error: { code: '0x8006088a', message: `Resource not found for the segment '${path}'.` } }, 404)
    },
  }
}
