import { type z } from 'zod'
import { channels, events, isChannel, type EventName } from '@common/contract'
import type { EventDefinition } from '@common/contract/define'
import { AppErrorSchema, AppFailure, type AppError, type Result } from '@common/result'
import type { ApiTable, HandlerContext } from './handler-types'
import { scrubForLog } from '../app/log-redaction'
import type { Services } from '../app/create-services'

export interface DispatchHost {
  readonly services: Services
  readonly signal?: AbortSignal
  /** Delivers an already-validated event to the renderer. */
  send(event: EventName, payload: unknown): void
  /** Receives errors that are not the caller's fault, for the main-process log. */
  report?(channel: string, error: unknown): void
}

function describeIssues(error: z.ZodError): string {
  // Paths and messages only: input values may be secrets and are never echoed back.
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ')
}

function invalidInput(channel: string, error: z.ZodError): AppError {
  return {
    code: 'INVALID_INPUT',
    message: `The request to ${channel} was not valid: ${describeIssues(error)}.`,
    cause: 'The window sent data that does not match the contract, usually a form field left in a bad state.',
    next: 'Check the highlighted fields and try again. If it keeps happening, restart the app.',
  }
}

function internal(channel: string): AppError {
  return {
    code: 'INTERNAL',
    message: `Something went wrong inside the app while handling ${channel}.`,
    cause: 'An unexpected error in the main process; it has been written to the log.',
    next: 'Try again. If it persists, restart the app and report the log file.',
  }
}

/**
 * A handler's failure as the contract declares it: details keep only their code's declared fields
 * (a stray field such as a raw response never reaches the window). Details that do not fit their
 * code are dropped and logged, and the words still go to the window.
 */
function declaredFailure(channel: string, failure: AppFailure, host: DispatchHost): AppError {
  const error = failure.toAppError()
  const checked = AppErrorSchema.safeParse(error)
  if (checked.success) return checked.data as AppError
  host.report?.(channel, new Error(`${error.code} failure failed its contract: ${describeIssues(checked.error)}`))
  const words = AppErrorSchema.safeParse({
    code: error.code,
    message: error.message,
    cause: error.cause,
    next: error.next,
  })
  return words.success ? (words.data as AppError) : internal(channel)
}

/**
 * Runs one call through the contract: validate the input, run the handler, validate the
 * output (which also strips any field the contract does not declare), and hold a failure to the
 * error contract the same way. Never throws.
 */
export async function dispatch(
  api: ApiTable,
  channel: string,
  rawInput: unknown,
  host: DispatchHost,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: {
        code: 'UNKNOWN_CHANNEL',
        message: `There is no operation called ${channel}.`,
        cause: 'The window and the main process are from different versions of the app.',
        next: 'Restart the app.',
      },
    }
  }
  const definition = channels[channel]
  const parsedInput = definition.request.safeParse(rawInput)
  if (!parsedInput.success) return { ok: false, error: invalidInput(channel, parsedInput.error) }

  const ctx: HandlerContext = {
    services: host.services,
    signal: host.signal ?? new AbortController().signal,
    emit: (event, payload) => {
      const definition = (events as Record<string, EventDefinition>)[event]
      const checked = definition ? definition.payload.safeParse(payload) : undefined
      if (!checked) {
        host.report?.(channel, new Error(`event ${event} is not in the contract`))
        return
      }
      if (!checked.success) {
        host.report?.(channel, new Error(`event ${event} failed its contract: ${describeIssues(checked.error)}`))
        return
      }
      host.send(event, checked.data)
    },
  }

  try {
    const handler = api[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
    const output = await handler(parsedInput.data, ctx)
    const checked = (definition.response as z.ZodType).safeParse(output)
    if (!checked.success) {
      host.report?.(channel, new Error(`response failed its contract: ${describeIssues(checked.error)}`))
      return { ok: false, error: internal(channel) }
    }
    return { ok: true, data: checked.data }
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: declaredFailure(channel, error, host) }
    host.report?.(channel, scrubForLog(error))
    return { ok: false, error: internal(channel) }
  }
}
