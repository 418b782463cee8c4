import { z } from 'zod'
import {
  AuthFailedDetailsSchema,
  CancelledDetailsSchema,
  DataverseErrorDetailsSchema,
  HostNotAllowedDetailsSchema,
  InvalidInputDetailsSchema,
  NetworkErrorDetailsSchema,
  NotFoundDetailsSchema,
  ReadOnlyDetailsSchema,
  SecretUnavailableDetailsSchema,
  StoreCorruptDetailsSchema,
  TlsErrorDetailsSchema,
} from './failure-details'

/**
 * The closed set of error codes a handler may return across the IPC boundary.
 * Adding a code is a deliberate contract change: the renderer switches on these.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'AUTH_FAILED',
  'NETWORK_ERROR',
  'TLS_ERROR',
  'HOST_NOT_ALLOWED',
  'READ_ONLY',
  'THROTTLED',
  'DATAVERSE_ERROR',
  'CANCELLED',
  'STORE_CORRUPT',
  'SECRET_UNAVAILABLE',
  /** A secret sealed with a key from before main restarted: the window fetches the new key and seals again. */
  'SECRET_KEY_STALE',
  'UNSUPPORTED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

const ErrorWordsSchema = z.object({ message: z.string(), cause: z.string(), next: z.string() })

/** The codes whose failures carry facts, each with its own details schema. */
const DETAILS = {
  DATAVERSE_ERROR: DataverseErrorDetailsSchema,
  THROTTLED: DataverseErrorDetailsSchema,
  AUTH_FAILED: AuthFailedDetailsSchema,
  NETWORK_ERROR: NetworkErrorDetailsSchema,
  TLS_ERROR: TlsErrorDetailsSchema,
  HOST_NOT_ALLOWED: HostNotAllowedDetailsSchema,
  READ_ONLY: ReadOnlyDetailsSchema,
  INVALID_INPUT: InvalidInputDetailsSchema,
  NOT_FOUND: NotFoundDetailsSchema,
  SECRET_UNAVAILABLE: SecretUnavailableDetailsSchema,
  CANCELLED: CancelledDetailsSchema,
  STORE_CORRUPT: StoreCorruptDetailsSchema,
} as const satisfies Partial<Record<ErrorCode, z.ZodType>>
type Detailed = typeof DETAILS
type DetailedCode = keyof Detailed

/** The codes that carry nothing besides their words. */
const PLAIN_CODES = ERROR_CODES.filter((code): code is Exclude<ErrorCode, DetailedCode> => !(code in DETAILS))

/** Every user-facing error says what happened, the likely cause and the next step; its facts are typed by its code. */
export const AppErrorSchema = z.discriminatedUnion('code', [
  ...(Object.keys(DETAILS) as DetailedCode[]).map((code) =>
    ErrorWordsSchema.extend({ code: z.literal(code), details: DETAILS[code].optional() }),
  ),
  ErrorWordsSchema.extend({ code: z.enum(PLAIN_CODES as [Exclude<ErrorCode, DetailedCode>]) }),
] as unknown as [z.ZodObject, ...z.ZodObject[]])

type KeysOf<T> = T extends unknown ? keyof T : never
type AnyDetailsShape = z.infer<Detailed[DetailedCode]>
/**
 * One code's details, with every key other codes use present as `never`: a reader that does not
 * narrow by code (a generic "which field?" probe) still compiles and reads undefined, while a
 * writer cannot put another code's key into this code's details.
 */
type Exclusive<T> = T & { readonly [K in Exclude<KeysOf<AnyDetailsShape>, keyof T>]?: never }
type DetailsOf<C extends ErrorCode> = C extends DetailedCode ? Exclusive<z.infer<Detailed[C]>> : never
/** The details of any failure, for code that reads them without narrowing by code first. */
export type AnyDetails = { [C in DetailedCode]: DetailsOf<C> }[DetailedCode]

export type AppError = z.infer<typeof ErrorWordsSchema> &
  (
    | { [C in DetailedCode]: { code: C; details?: DetailsOf<C> } }[DetailedCode]
    | { code: Exclude<ErrorCode, DetailedCode>; details?: undefined }
  )

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError }

/** Thrown inside main-process services; the dispatcher turns it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  readonly code: ErrorCode
  readonly explanation: string
  readonly next: string
  readonly details?: AnyDetails

  constructor(error: AppError, options?: { cause?: unknown }) {
    super(error.message, options)
    this.name = 'AppFailure'
    this.code = error.code
    this.explanation = error.cause
    this.next = error.next
    this.details = error.details
  }

  toAppError(): AppError {
    // The constructor took an AppError, so code and details belong together.
    return {
      code: this.code,
      message: this.message,
      cause: this.explanation,
      next: this.next,
      ...(this.details ? { details: this.details } : {}),
    } as AppError
  }
}

export function isAppFailure(value: unknown): value is AppFailure {
  return value instanceof AppFailure
}
