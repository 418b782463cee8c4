import { AppFailure } from '@common/result'
import { UsageError, type CliIo } from './io'

/**
 * How the CLI takes a secret: from a named environment variable or from standard input, never as
 * a flag value (a value on the command line ends up in shell history and in `ps` output). No
 * message here repeats what was given as the NAME: the usual mistake is to pass the secret itself.
 */
export interface SecretFlags {
  /** --secret-env NAME */
  readonly secretEnv?: string
  /** --secret-stdin */
  readonly secretStdin?: boolean
}

/** Reads the secret when called; throws SECRET_UNAVAILABLE when the variable is unset, so a check reports it as a finding. */
export type SecretReader = () => Promise<string>

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The secret's reader, or null when neither flag was given. Flag mistakes are usage errors at once;
 * standard input is read now (it can be read only once).
 */
export async function secretReader(
  flags: SecretFlags,
  io: CliIo,
  what = 'client secret',
): Promise<SecretReader | null> {
  if (flags.secretEnv !== undefined && flags.secretStdin)
    throw new UsageError(`give the ${what} with --secret-env NAME or --secret-stdin, not both`)
  if (flags.secretEnv !== undefined) {
    const name = flags.secretEnv
    if (!VARIABLE_NAME.test(name)) {
      throw new UsageError(
        `--secret-env takes the NAME of an environment variable (like DVW_SECRET), not the ${what} itself; what you gave is not a variable name and is not shown here`,
      )
    }
    return async () => {
      const value = io.env[name]?.trim()
      if (value) return value
      throw new AppFailure({
        code: 'SECRET_UNAVAILABLE',
        message: `The environment variable named by --secret-env is not set or is empty, so no ${what} was sent.`,
        cause: 'It was not exported in this shell, or the pipeline did not pass the secret to this step.',
        next: 'Export the variable (export NAME=…) before running dvw, or pipe the secret in with --secret-stdin.',
      })
    }
  }
  if (flags.secretStdin) {
    const value = (await io.readStdin()).replace(/\r?\n$/, '').trim()
    if (!value) throw new UsageError('--secret-stdin was given but standard input was empty')
    return async () => value
  }
  return null
}
