/**
 * `dns` and `tls`: the org host and the sign-in host, resolved with node:dns and handshaken with a
 * real tls.connect. In the offline sample there is no network, and behind a proxy a direct lookup
 * or handshake would not show what the app's requests see, so both steps skip with the reason.
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import * as tls from 'node:tls'
import type { Diagnosis, Fact } from '@common/diagnostics'
import { diagnose } from '../../catalog'
import type { StepOutcome } from '../../pipeline'
import type { CheckKit, CheckStep } from '../context'
import { tlsId } from '../../failure-facts'
import { redactExcerpt } from '../failure'

const HANDSHAKE_TIMEOUT_MS = 10_000
/** A server certificate this close to its end date is worth a warning. */
const EXPIRY_WARNING_DAYS = 14

function hostsOf(kit: CheckKit): { host: string; port: number; role: string }[] {
  const targets: { host: string; port: number; role: string }[] = []
  const add = (hostPort: string | null, role: string) => {
    if (!hostPort) return
    const url = new URL(`https://${hostPort}`)
    targets.push({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), role })
  }
  add(new URL(kit.state.orgUrl).host, 'Environment')
  add(kit.state.authorityHost, 'Sign-in')
  return targets
}

function skipReason(kit: CheckKit): string | null {
  if (kit.env.offline)
    return 'Skipped: offline sample environment (requests go to the built-in emulator, not the network).'
  if (kit.env.proxy)
    return `Skipped: requests go through the proxy ${kit.env.proxy}, so a direct lookup would not show what the app sees.`
  return null
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('cancelled'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export function dnsStep(kit: CheckKit): CheckStep {
  return {
    id: 'dns',
    async run({ signal }) {
      const skip = skipReason(kit)
      if (skip) return { status: 'skip', summary: skip }
      // Looked up in parallel, reported in host order (environment first).
      const results = await Promise.all(
        hostsOf(kit).map(async ({ host, role }) => {
          if (isIP(host)) return { fact: { label: `${role} host ${host}`, value: 'an IP address: nothing to resolve' } }
          try {
            const addresses = await abortable(lookup(host, { all: true }), signal)
            return { fact: { label: `${role} host ${host}`, value: addresses.map((a) => a.address).join(', ') } }
          } catch (error) {
            if (signal.aborted) throw error
            const code = (error as { code?: string }).code ?? 'ENOTFOUND'
            return {
              note: `${host}: ${code}`,
              diagnosis: diagnose('dns-not-found', {
                confidence: code === 'ENOTFOUND' ? 'high' : 'medium',
                cloud: kit.state.cloud,
                host,
                matched: `${code} ${host}`,
              }),
            }
          }
        }),
      )
      const facts: Fact[] = results.flatMap((result) => (result.fact ? [result.fact] : []))
      const diagnoses: Diagnosis[] = results.flatMap((result) => (result.diagnosis ? [result.diagnosis] : []))
      const notes = results.flatMap((result) => (result.note ? [result.note] : []))
      if (!kit.state.authorityHost)
        facts.push({ label: 'Sign-in host', value: 'not known yet: the discovery step finds it' })
      if (diagnoses.length) {
        return {
          status: 'fail',
          summary: `Not resolved: ${notes.join('; ')}.`,
          facts,
          diagnoses,
          evidence: { excerpt: redactExcerpt(notes.join('\n')), requestIds: [] },
        }
      }
      return { status: 'pass', summary: 'The host names resolve.', facts }
    },
  }
}

/** Node's bundled roots, the OS store where this Node has an API for it (Node 22.15+, so Electron), and the extra CAs. */
function trustedRoots(extra: readonly string[]): string[] {
  const api = tls as unknown as { getCACertificates?: (type: 'default' | 'system') => string[] }
  const system = typeof api.getCACertificates === 'function' ? api.getCACertificates('system') : []
  return [...tls.rootCertificates, ...system, ...extra]
}

interface Handshake {
  readonly authorized: boolean
  readonly error: string | null
  readonly issuer: string
  readonly validTo: string
  readonly protocol: string | null
}

function handshake(host: string, port: number, ca: string[], signal: AbortSignal): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    // rejectUnauthorized off only to *read* a certificate that does not verify; the verdict is
    // taken from authorizationError (which includes the host-name check) and nothing is sent.
    const socket = tls.connect({
      host,
      port,
      ca,
      rejectUnauthorized: false,
      ...(isIP(host) ? {} : { servername: host }),
      timeout: HANDSHAKE_TIMEOUT_MS,
    })
    const finish = (fn: () => void) => {
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      fn()
    }
    const onAbort = () => finish(() => reject(signal.reason ?? new Error('cancelled')))
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate()
      const issuer = certificate.issuer
        ? [certificate.issuer.CN, certificate.issuer.O].filter(Boolean).join(', ')
        : 'unknown issuer'
      const error = socket.authorized ? null : String(socket.authorizationError ?? 'UNKNOWN')
      finish(() =>
        resolve({
          authorized: socket.authorized,
          error,
          issuer,
          validTo: certificate.valid_to ?? '',
          protocol: socket.getProtocol(),
        }),
      )
    })
    socket.once('timeout', () =>
      finish(() =>
        reject(
          Object.assign(new Error(`no TLS handshake within ${HANDSHAKE_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' }),
        ),
      ),
    )
    socket.once('error', (error) => finish(() => reject(error)))
  })
}

export function tlsStep(kit: CheckKit): CheckStep {
  return {
    id: 'tls',
    async run({ signal }): Promise<StepOutcome> {
      const skip = skipReason(kit)
      if (skip) return { status: 'skip', summary: skip.replace('lookup', 'handshake') }
      const ca = trustedRoots(kit.env.trustedCa ?? [])
      interface HostResult {
        readonly facts: Fact[]
        readonly note?: string
        readonly diagnosis?: Diagnosis
        readonly expiring?: boolean
      }
      // Handshaken in parallel, reported in host order (environment first).
      const results = await Promise.all(
        hostsOf(kit).map(async ({ host, port, role }): Promise<HostResult> => {
          const where = port === 443 ? host : `${host}:${port}`
          try {
            const result = await handshake(host, port, ca, signal)
            const facts = [
              { label: `${role} ${where} issuer`, value: result.issuer },
              {
                label: `${role} ${where} certificate`,
                value: `valid until ${result.validTo}${result.protocol ? `, ${result.protocol}` : ''}`,
              },
            ]
            if (result.error) {
              return {
                facts,
                note: `${where}: ${result.error} (issuer: ${result.issuer})`,
                diagnosis: diagnose(tlsId(result.error), {
                  confidence: 'high',
                  cloud: kit.state.cloud,
                  host: where,
                  matched: result.error,
                }),
              }
            }
            if (Date.parse(result.validTo) - kit.now() < EXPIRY_WARNING_DAYS * 86_400_000) {
              return { facts, note: `${where}: the certificate ends on ${result.validTo}`, expiring: true }
            }
            return { facts }
          } catch (error) {
            if (signal.aborted) throw error
            const code = (error as { code?: string }).code ?? 'ECONNRESET'
            const id =
              code === 'ECONNREFUSED'
                ? 'connection-refused'
                : /TIMEDOUT|TIMEOUT/.test(code)
                  ? 'network-timeout'
                  : code === 'ECONNRESET'
                    ? 'connection-reset'
                    : tlsId(code)
            return {
              facts: [],
              note: `${where}: ${code} ${(error as Error).message}`,
              diagnosis: diagnose(id, { confidence: 'high', cloud: kit.state.cloud, host: where, matched: code }),
            }
          }
        }),
      )
      const facts = results.flatMap((result) => result.facts)
      const diagnoses = results.flatMap((result) => (result.diagnosis ? [result.diagnosis] : []))
      const notes = results.flatMap((result) => (result.note ? [result.note] : []))
      const warn = results.some((result) => result.expiring)
      const evidence = { excerpt: redactExcerpt(notes.join('\n')), requestIds: [] }
      if (diagnoses.length)
        return {
          status: 'fail',
          summary: `The secure connection could not be verified: ${notes.join('; ')}.`,
          facts,
          diagnoses,
          evidence,
        }
      if (warn)
        return {
          status: 'warn',
          summary: `A server certificate is close to its end date: ${notes.join('; ')}.`,
          facts,
          evidence,
        }
      return { status: 'pass', summary: 'The certificates verify and match the host names.', facts }
    },
  }
}
