import { CATALOG_IDS, type CatalogId, type Diagnosis } from '@common/diagnostics'
import { dataverseEntries } from './dataverse'
import { entraEntries } from './entra'
import { aadstsLookupUrl } from './links'
import { inputEntries } from './input'
import { networkEntries } from './network'
import { queryEntries } from './query'
import { writeEntries } from './writes'
import type { CatalogEntry, DiagnoseOptions, DiagnosisContext } from './types'

const entries = [
  ...inputEntries,
  ...networkEntries,
  ...entraEntries,
  ...dataverseEntries,
  ...queryEntries,
  ...writeEntries,
]

export const CATALOG: ReadonlyMap<CatalogId, CatalogEntry> = new Map(entries.map((entry) => [entry.id, entry]))

/** Ids the model declares but the catalog lacks (or the reverse); a test keeps both empty. */
export function catalogGaps(): { missing: CatalogId[]; extra: string[]; duplicates: string[] } {
  const seen = entries.map((entry) => entry.id)
  return {
    missing: CATALOG_IDS.filter((id) => !CATALOG.has(id)),
    extra: seen.filter((id) => !(CATALOG_IDS as readonly string[]).includes(id)),
    duplicates: seen.filter((id, index) => seen.indexOf(id) !== index),
  }
}

/** Builds a diagnosis from the catalog, filling in what the matcher learned (privilege, host, retry time…). */
export function diagnose(id: CatalogId, options: DiagnoseOptions): Diagnosis {
  const entry = CATALOG.get(id)
  if (!entry) throw new Error(`diagnosis ${id} is not in the catalog`)
  const ctx: DiagnosisContext = { ...options, cloud: options.cloud ?? 'commercial' }
  const text = (value: CatalogEntry['title']) => (typeof value === 'function' ? value(ctx) : value)
  return {
    id,
    title: text(entry.title),
    confidence: options.confidence,
    cause: text(entry.cause),
    fix: [...(typeof entry.fix === 'function' ? entry.fix(ctx) : entry.fix)],
    // Whatever the entry, a diagnosis reached through an AADSTS code links Microsoft's lookup page for that code.
    docsUrl: options.aadsts ? aadstsLookupUrl(options.aadsts, ctx.cloud) : text(entry.docs),
    ...(options.matched ? { matched: options.matched } : {}),
  }
}

export type { DiagnosisContext, DiagnoseOptions } from './types'
