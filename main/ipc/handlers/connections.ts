import { writePrivateFile } from '../../app/private-files'
import { readFile } from 'node:fs/promises'
import type { connectionChannels } from '@common/contract/connections'
import { AppFailure } from '@common/result'
import { compareTenant, normalizeUrl } from '../../app/connection-urls'
import { certificateProblem } from '../../app/credentials'
import {
  connectionsToExport,
  exportText,
  importConnectionsText,
  readConnectionsFile,
} from '../../app/connection-transfer'
import type { HandlersFor } from '../handler-types'

async function classifyPicked(paths: readonly string[]): Promise<{ certificatePath: string; keyPath: string | null }> {
  const pfx = paths.find((path) => /\.(pfx|p12)$/i.test(path))
  if (pfx) return { certificatePath: pfx, keyPath: null }
  const texts = await Promise.all(
    paths
      .slice(0, 2)
      .map(async (path) => ({ path, text: (await readFile(path)).subarray(0, 256 * 1024).toString('utf8') })),
  )
  const certificate = texts.find((entry) => entry.text.includes('-----BEGIN CERTIFICATE-----')) ?? texts[0]
  const key = texts.find((entry) => entry !== certificate && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(entry.text))
  return { certificatePath: certificate?.path ?? paths[0] ?? '', keyPath: key?.path ?? null }
}

export const connectionHandlers: HandlersFor<keyof typeof connectionChannels> = {
  'connections:list': async (_input, { services }) => {
    const overview = await services.connections.overview()
    return { ...overview, sampleScenarios: [...services.connections.sampleScenarios] }
  },

  'connections:save': async ({ id, draft }, { services }) => services.connections.save(id, draft),

  'connections:duplicate': async ({ id }, { services }) => services.connections.duplicate(id),

  'connections:duplicate-into': async ({ id, ...target }, { services }) =>
    services.connections.duplicateInto(id, target),

  'connections:delete': async ({ id }, { services }) => {
    await services.connections.remove(id)
    return { deleted: true as const }
  },

  'connections:normalize-url': async ({ input }) => normalizeUrl(input),

  'connections:discover-tenant': async ({ orgUrl, apiVersion, tenantId }, { services, signal }) => {
    const found = await services.sessions.discover(orgUrl, apiVersion, signal)
    return { ...found, comparison: compareTenant(tenantId, found.tenantId) }
  },

  'connections:secret-key': async (_input, { services }) => {
    const jwk = services.secrets.publicJwk()
    return {
      keyId: services.secrets.keyId,
      jwk: { kty: 'RSA' as const, n: String(jwk.n), e: String(jwk.e), alg: 'RSA-OAEP-256' as const },
    }
  },

  'connections:pick-token-file': async (_input, { services }) => {
    const [path] = await services.host.pickFiles({
      title: "Choose the pipeline's OIDC token file (for example the file AZURE_FEDERATED_TOKEN_FILE names)",
      filters: [{ name: 'All files', extensions: ['*'] }],
    })
    if (!path) return { path: null }
    services.connections.allowPath(path)
    return { path }
  },

  'connections:pick-certificate': async (_input, { services }) => {
    const paths = await services.host.pickFiles({
      title: 'Choose the client certificate (.pfx, or .pem with its private key)',
      filters: [
        { name: 'Certificates', extensions: ['pfx', 'p12', 'pem', 'crt', 'cer', 'key'] },
        { name: 'All files', extensions: ['*'] },
      ],
      multiple: true,
    })
    if (paths.length === 0)
      return { certificatePath: null, keyPath: null, certificate: null, needsPassword: false, problem: null }
    for (const path of paths) services.connections.allowPath(path)
    const { certificatePath, keyPath } = await classifyPicked(paths)
    try {
      const certificate = await services.connections.inspectCertificate({
        certificatePath,
        keyPath,
        password: { action: 'clear' },
        connectionId: null,
      })
      return { certificatePath, keyPath, certificate, needsPassword: false, problem: null }
    } catch (error) {
      const reason = certificateProblem(error)
      if (reason === 'password-required' || reason === 'password-wrong') {
        return { certificatePath, keyPath, certificate: null, needsPassword: true, problem: null }
      }
      if (error instanceof AppFailure) {
        return {
          certificatePath,
          keyPath,
          certificate: null,
          needsPassword: false,
          problem: `${error.message} ${error.next}`,
        }
      }
      throw error
    }
  },

  'connections:inspect-certificate': async (input, { services }) => services.connections.inspectCertificate(input),

  'connections:copy-token': async ({ id }, { services, signal }) => {
    const session = services.sessions.open(id)
    const token = await session.getToken({ signal })
    await services.host.writeClipboard(token.accessToken)
    const until = token.expiresOn.toISOString()
    return {
      copied: true as const,
      expiresOn: until,
      warning: `The access token is on the clipboard. It is a bearer credential: anyone who has it can call ${session.connection.orgUrl} as this app until ${until}. Paste it only where you must, and clear the clipboard afterwards.`,
    }
  },

  'connections:export': async ({ ids, format, customerId }, { services }) => {
    const connections = await connectionsToExport(services.connections, ids, customerId)
    const json = format === 'json'
    const path = await services.host.pickSavePath({
      title: json ? 'Export connections (no secrets)' : 'Export connection strings (secrets as placeholders)',
      defaultName: json ? 'dataverse-connections.json' : 'dataverse-connections.txt',
      filters: json ? [{ name: 'JSON', extensions: ['json'] }] : [{ name: 'Text', extensions: ['txt'] }],
    })
    if (!path) return { path: null, count: 0 }
    await writePrivateFile(path, exportText(connections, format))
    return { path, count: connections.length }
  },

  'connections:import': async (input, { services }) => {
    if (input.kind === 'text')
      return {
        ...(await importConnectionsText(services.connections, services.secrets.unseal(input.sealed), {
          keepSecrets: true,
          customerId: input.customerId,
        })),
        cancelled: false,
      }
    const [path] = await services.host.pickFiles({
      title: 'Import connections',
      filters: [
        { name: 'Connections (JSON or connection strings)', extensions: ['json', 'txt'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    if (!path) return { imported: [], warnings: [], cancelled: true }
    return {
      ...(await importConnectionsText(services.connections, await readConnectionsFile(path), {
        keepSecrets: true,
        customerId: input.customerId,
      })),
      cancelled: false,
    }
  },

  'connections:store-reset': async (_input, { services }) => {
    services.connections.startFresh()
    return { reset: true as const }
  },

  'connections:get-network': async (_input, { services }) => services.network.view(),

  'connections:save-proxy': async ({ proxyUrl, noProxy }, { services }) =>
    services.network.saveProxy(proxyUrl, noProxy),

  'connections:add-trusted-ca': async (_input, { services }) => {
    const [path] = await services.host.pickFiles({
      title: 'Choose a root CA certificate to trust (PEM)',
      filters: [
        { name: 'PEM certificates', extensions: ['pem', 'crt', 'cer'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    if (!path) return { ...services.network.view(), cancelled: true }
    return { ...(await services.network.addCaFile(path)), cancelled: false }
  },

  'connections:remove-trusted-ca': async ({ path }, { services }) => services.network.removeCaFile(path),

  'connections:set-sample-scenario': async ({ scenario }, { services }) =>
    services.connections.setSampleScenario(scenario),
}
