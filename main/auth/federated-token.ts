/**
 * Reads a federated credential's external token (a pipeline's OIDC token) from where the
 * connection says: a file (Azure Pipelines and Kubernetes write one; `AZURE_FEDERATED_TOKEN_FILE`),
 * an environment variable, or a command's standard output (GitHub Actions hands out tokens through
 * an HTTP endpoint, typically fetched with curl). The token is read again every time MSAL asks,
 * because these tokens live for minutes. It is a secret: it is never logged, stored or shown; the
 * errors below name the source, never the value.
 */
import { exec } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import type { FederatedTokenSource } from '@common/connection'
import { AppFailure } from '@common/result'
import type { ClientCredential } from './token-provider'

export interface FederatedTokenSourceRef {
  readonly tokenSource: FederatedTokenSource
  readonly tokenReference: string
}

export interface FederatedTokenReaderOptions {
  /** The environment variables to read (the CLI passes its own; the app passes process.env). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** A command that does not answer within this time is stopped. */
  readonly commandTimeoutMs?: number
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const MAX_OUTPUT = 64 * 1024
const DEFAULT_TIMEOUT_MS = 30_000

function describeTokenSource(source: FederatedTokenSourceRef): string {
  if (source.tokenSource === 'file') return `the file ${source.tokenReference}`
  if (source.tokenSource === 'env') return `the environment variable ${source.tokenReference}`
  return `the output of the command \`${source.tokenReference}\``
}

function unavailable(source: FederatedTokenSourceRef, message: string, cause: string, next: string): AppFailure {
  return new AppFailure({
    code: 'SECRET_UNAVAILABLE',
    message,
    cause,
    next,
    details: { federatedSource: source.tokenSource, field: 'tokenReference' },
  })
}

/** Text that might carry a token (stderr of a command) with anything JWT-shaped cut out. */
function withoutTokens(text: string): string {
  return text.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*/g, '[token removed]').slice(0, 300)
}

/**
 * The token in what a source gave: the bare JWT, or the JSON GitHub's token endpoint answers
 * (`{"count":…,"value":"<jwt>"}`) or Azure DevOps' OIDC API (`{"oidcToken":"<jwt>"}`).
 */
export function tokenFromOutput(text: string): string | null {
  const trimmed = text.trim().replace(/^["']|["']$/g, '')
  if (JWT_SHAPE.test(trimmed)) return trimmed
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>
      for (const key of ['value', 'oidcToken', 'token']) {
        const candidate = parsed[key]
        if (typeof candidate === 'string' && JWT_SHAPE.test(candidate.trim())) return candidate.trim()
      }
    } catch {
      return null
    }
  }
  return null
}

function runCommand(command: string, timeoutMs: number, env: FederatedTokenReaderOptions['env']): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(
      command,
      { timeout: timeoutMs, maxBuffer: MAX_OUTPUT, windowsHide: true, env: { ...env } as NodeJS.ProcessEnv },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr: String(stderr) }))
        else resolve(String(stdout))
      },
    )
  })
}

async function readRaw(source: FederatedTokenSourceRef, options: FederatedTokenReaderOptions): Promise<string> {
  const reference = source.tokenReference.trim()
  const where = describeTokenSource(source)
  if (source.tokenSource === 'env') {
    if (!ENV_NAME.test(reference)) {
      throw unavailable(
        source,
        `"${reference.length > 40 ? `${reference.slice(0, 12)}…` : reference}" is not the name of an environment variable.`,
        "The token source is an environment variable, so it takes the variable's NAME (for example AZURE_FEDERATED_TOKEN), not the token itself.",
        'Enter the name of the variable that holds the token.',
      )
    }
    const value = options.env[reference]
    if (!value) {
      throw unavailable(
        source,
        `The environment variable ${reference} is not set.`,
        'The pipeline step that provides the OIDC token did not run in this process, or it exports the token under another name.',
        'In GitHub Actions add `permissions: id-token: write` and fetch the token; in Azure Pipelines use the AzureCLI task with addSpnToEnvironment, or use a token file.',
      )
    }
    return value
  }
  if (source.tokenSource === 'file') {
    try {
      return await readFile(reference, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw unavailable(
        source,
        `${where} cannot be read${code ? ` (${code})` : ''}.`,
        code === 'ENOENT'
          ? 'No file is there: the step that writes the token has not run yet, or the path differs on this runner.'
          : 'This process is not allowed to read it, or it is not a file.',
        'Check the path (AZURE_FEDERATED_TOKEN_FILE names it in Azure Pipelines and AKS) and run again.',
      )
    }
  }
  try {
    return await runCommand(reference, options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS, options.env)
  } catch (error) {
    const failure = error as { code?: unknown; killed?: boolean; stderr?: string }
    throw unavailable(
      source,
      failure.killed
        ? `The token command did not finish within ${(options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s.`
        : `The token command failed${typeof failure.code === 'number' ? ` (exit code ${failure.code})` : ''}.`,
      failure.stderr ? `It wrote: ${withoutTokens(failure.stderr.trim())}` : 'It wrote nothing to standard error.',
      'Run the command in the same shell to see what it does; in GitHub Actions the job needs `permissions: id-token: write`.',
    )
  }
}

/** Reads the token now; throws SECRET_UNAVAILABLE with what to do when the source gives nothing usable. */
export async function readFederatedToken(
  source: FederatedTokenSourceRef,
  options: FederatedTokenReaderOptions,
): Promise<string> {
  const raw = await readRaw(source, options)
  const token = tokenFromOutput(raw)
  if (!token) {
    throw unavailable(
      source,
      `${describeTokenSource(source)} does not hold a token.`,
      raw.trim()
        ? 'What it gave is not a JWT (three base64url parts separated by dots) nor JSON with a "value" or "oidcToken" field.'
        : 'It is empty.',
      'Give the OIDC token itself: in GitHub Actions the "value" of the ACTIONS_ID_TOKEN_REQUEST_URL answer (with &audience=api://AzureADTokenExchange), in Azure Pipelines the oidcToken.',
    )
  }
  return token
}

/** The MSAL credential of a federated connection: the token is read from its source on every request. */
export function federatedCredential(
  source: FederatedTokenSourceRef,
  options: FederatedTokenReaderOptions,
): Extract<ClientCredential, { kind: 'federated' }> {
  return {
    kind: 'federated',
    assertion: () => readFederatedToken(source, options),
    sourceId: `${source.tokenSource}\0${source.tokenReference.trim()}`,
    source: describeTokenSource(source),
  }
}
