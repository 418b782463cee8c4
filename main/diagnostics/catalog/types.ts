import type { Cloud } from '@common/clouds'
import type { CatalogId, Confidence } from '@common/diagnostics'

/** What a matcher (explain, a check step) learned that a diagnosis can name in its cause and fix. */
export interface DiagnosisContext {
  readonly cloud: Cloud
  /** The AADSTS number that matched, for the lookup link and the wording. */
  readonly aadsts?: string
  /** A host the failure was about (DNS, TLS, connection). */
  readonly host?: string
  /** `prvReadAccount` and the table it was missing on, parsed from a 0x80040220 message. */
  readonly privilege?: string
  readonly table?: string
  /** The depth a SecLib::CheckPrivilege failure says was required (Basic, Local, Deep, Global). */
  readonly depth?: string
  /** The access a SecLib::AccessCheckEx failure names (WriteAccess, prvShareActivity, or a number of flags). */
  readonly accessRights?: string
  /** Which service-protection limit was hit and how long the server asked us to wait. */
  readonly limit?: 'count' | 'execution-time' | 'concurrency'
  readonly retryAfterSeconds?: number
  /** A column or segment named in a query error. */
  readonly name?: string
}

type Text = string | ((ctx: DiagnosisContext) => string)
type Steps = readonly string[] | ((ctx: DiagnosisContext) => readonly string[])

export interface CatalogEntry {
  readonly id: CatalogId
  readonly title: Text
  readonly cause: Text
  readonly fix: Steps
  readonly docs: Text
}

export interface DiagnoseOptions extends Partial<DiagnosisContext> {
  readonly confidence: Confidence
  readonly matched?: string
}
