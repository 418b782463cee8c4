/** Turns a raw Web API path and query string into the parts `handleApi` reads (shared by the org app and `$batch`). */
import { CODES, DataverseFailure } from './errors'

export function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    throw new DataverseFailure(
      400,
      CODES.odataError,
      `The request URL is not correctly encoded near '${text.slice(0, 40)}'.`,
    )
  }
}

/** Splits the raw query on `&` (the only separator once encoded) and decodes each option. FetchXML is kept apart: its XML may hold a bare `&amp;`. */
export function splitQuery(raw: string): { query: string; fetchXml?: string } {
  const parts: string[] = []
  let fetchXml: string | undefined
  for (const part of raw.split('&')) {
    if (!part) continue
    const equals = part.indexOf('=')
    const name = decodePart(equals < 0 ? part : part.slice(0, equals))
    if (name.toLowerCase() === 'fetchxml') fetchXml = decodePart(equals < 0 ? '' : part.slice(equals + 1))
    else parts.push(decodePart(part))
  }
  return { query: parts.join('&'), ...(fetchXml !== undefined ? { fetchXml } : {}) }
}
