/**
 * Network settings as the hosts apply them: extra trusted root CA files (read and checked here) and a
 * Node base fetch built from the saved proxy and CA settings. The settings service is main/app/network-service.ts.
 */
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { NetworkSettings } from '@common/connection'
import type { CaTrust } from '@common/contract/connections'
import { AppFailure } from '@common/result'
import { createNodeFetch, type NodeFetch, type NodeFetchOptions } from '../http/node-fetch'

export interface TrustedCaFile {
  readonly path: string
  readonly subject: string | null
  readonly notAfter: string | null
  /** Why it cannot be used right now (missing, not PEM, expired), or null. */
  readonly problem: string | null
}

/** The certificates in a PEM file; throws INVALID_INPUT with what to do when there are none. */
export function readCaFile(path: string): X509Certificate[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: `${path} could not be read.`,
        cause: 'The file was moved or deleted, or the app may not read it.',
        next: 'Choose the CA file again.',
        details: { path },
      },
      { cause: error },
    )
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  const certificates = blocks.flatMap((pem) => {
    try {
      return [new X509Certificate(pem)]
    } catch {
      return []
    }
  })
  if (certificates.length === 0) {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `${path} holds no PEM certificate.`,
      cause: 'Trusted CAs are read as PEM text (-----BEGIN CERTIFICATE-----); a binary .cer/.der file is not.',
      next: 'Convert it first: openssl x509 -inform der -in ca.cer -out ca.pem — then add the .pem file.',
      details: { path },
    })
  }
  return certificates
}

export function describeCaFile(path: string, now: Date = new Date()): TrustedCaFile {
  try {
    const [first] = readCaFile(path)
    const notAfter = first ? new Date(first.validTo) : null
    return {
      path,
      subject: first ? first.subject.replaceAll('\n', ', ') : null,
      notAfter: notAfter ? notAfter.toISOString() : null,
      problem: notAfter && notAfter < now ? 'This certificate has expired.' : null,
    }
  } catch (error) {
    return { path, subject: null, notAfter: null, problem: error instanceof AppFailure ? error.message : String(error) }
  }
}

/** A Node base fetch from the saved settings; unreadable CA files are left out (the UI says why). */
export function createNodeFetchFromSettings(settings: NetworkSettings, overrides: NodeFetchOptions = {}): NodeFetch {
  return createNodeFetch({
    ...(settings.proxyUrl ? { proxyUrl: settings.proxyUrl } : {}),
    ...(settings.noProxy ? { noProxy: settings.noProxy } : {}),
    caFiles: settings.extraCaFiles.filter((path) => describeCaFile(path).problem === null),
    ...overrides,
  })
}

/** Trust on the Node hosts (CLI, harness): undici over Node's bundled roots. */
export const NODE_CA_TRUST: CaTrust = { base: "Node's built-in root certificates", caveat: null }

/**
 * A Node base fetch for the desktop app while readable extra CA files are set, trusting `roots` plus
 * those files; null when there are none, so Chromium's stack (and the system proxy) stays in use.
 */
export function createExtraCaFetch(settings: NetworkSettings, roots: readonly string[]): NodeFetch | null {
  if (!settings.extraCaFiles.some((path) => describeCaFile(path).problem === null)) return null
  return createNodeFetchFromSettings(settings, { roots })
}
