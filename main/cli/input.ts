import { UsageError, type CliIo } from './io'

/** `dvw explain TEXT`, `dvw explain -` (stdin), with a usage error when neither gives any text. */
export async function textArgument(value: string | undefined, io: CliIo, what: string): Promise<string> {
  if (value === undefined) throw new UsageError(`give the ${what} as an argument, or - to read it from standard input`)
  const text = value === '-' ? await io.readStdin() : value
  if (!text.trim()) throw new UsageError(`the ${what} is empty`)
  return text
}
