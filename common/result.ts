import { z } from 'zod'

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

export const ErrorCodeSchema = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

/** Every user-facing error says what happened, the likely cause and the next step. */
export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  cause: z.string(),
  next: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type AppError = z.infer<typeof AppErrorSchema>

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError }

export function resultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ])
}

/** Thrown inside main-process services; the dispatcher turns it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  readonly code: ErrorCode
  readonly explanation: string
  readonly next: string
  readonly details?: Record<string, unknown>

  constructor(error: AppError, options?: { cause?: unknown }) {
    super(error.message, options)
    this.name = 'AppFailure'
    this.code = error.code
    this.explanation = error.cause
    this.next = error.next
    this.details = error.details
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      cause: this.explanation,
      next: this.next,
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

export function isAppFailure(value: unknown): value is AppFailure {
  return value instanceof AppFailure
}
