import { UsageError, type CliIo } from './io'

/**
 * How the CLI takes a secret: from a named environment variable or from standard input, never as
 * a flag value (a value on the command line ends up in shell history and in `ps` output).
 */
export interface SecretFlags {
  /** --secret-env NAME */
  readonly secretEnv?: string
  /** --secret-stdin */
  readonly secretStdin?: boolean
}

/** The secret, or null when neither flag was given. Usage errors name the flag, never the value. */
export async function readSecret(flags: SecretFlags, io: CliIo, what = 'client secret'): Promise<string | null> {
  if (flags.secretEnv && flags.secretStdin) throw new UsageError(`give the ${what} with --secret-env NAME or --secret-stdin, not both`)
  if (flags.secretEnv) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags.secretEnv)) {
      throw new UsageError(`--secret-env takes the NAME of an environment variable (like DVW_SECRET), not the ${what} itself`)
    }
    const value = io.env[flags.secretEnv]
    if (!value?.trim()) throw new UsageError(`the environment variable ${flags.secretEnv} is not set or is empty`)
    return value.trim()
  }
  if (flags.secretStdin) {
    const value = (await io.readStdin()).replace(/\r?\n$/, '').trim()
    if (!value) throw new UsageError(`--secret-stdin was given but standard input was empty`)
    return value
  }
  return null
}
