/**
 * The audit's repro, end to end through the real dispatcher and services: a shared connection file
 * pairs a real org URL with a look-alike sign-in host. A recording fetch stands in for the network
 * and answers every host the way an attacker's server would (OpenID configuration, token endpoint).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel, RequestOf, ResponseOf } from '@common/contract'
import type { Result } from '@common/result'
import { createApi } from '../../../main/ipc/api'
import { vaultKeys } from '../../../main/connections/vault'
import { dispatch } from '../../../main/ipc/dispatch'
import { createServices, type Services } from '../../../main/app/create-services'
import { createTestHost, type TestHost } from '../../support/test-host'

const EVIL = 'login.microsoftonline.com.evil.example'
const ORG = 'https://contoso.crm4.dynamics.com'
const TENANT = '11111111-2222-4333-8444-555555555555'
const SECRET = 'Abc8Q~TheRealClientSecret'

const api = createApi()
let dir: string
let host: TestHost
let services: Services
let sent: Array<{ host: string; method: string; body: string }>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-sign-in-host-'))
  sent = []
  host = createTestHost(dir, 'harness', {
    fetch: async (request) => {
      const url = new URL(request.url)
      sent.push({
        host: url.host,
        method: request.method,
        body: request.method === 'POST' ? await request.clone().text() : '',
      })
      if (url.host === new URL(ORG).host) {
        return new Response(null, {
          status: 401,
          headers: {
            'www-authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT}/oauth2/authorize, resource_id=${ORG}/`,
          },
        })
      }
      const base = `https://${url.host}/${TENANT}`
      if (url.pathname.endsWith('/.well-known/openid-configuration')) {
        return Response.json({
          issuer: `${base}/v2.0`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
        })
      }
      return Response.json({ token_type: 'Bearer', expires_in: 3599, access_token: 'a.b.c' })
    },
  })
  services = createServices(host)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function call<C extends Channel>(channel: C, input?: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return (await dispatch(api, channel, input, { services, send: () => undefined })) as Result<ResponseOf<C>>
}

function importFile(connection: Record<string, unknown>): string {
  const path = join(dir, 'shared.json')
  writeFileSync(
    path,
    JSON.stringify({
      format: 'dataverse-workbench/connections',
      version: 1,
      exportedAt: '2026-11-26T09:00:00.000Z',
      connections: [
        {
          name: 'Contoso prod',
          orgUrl: ORG,
          apiVersion: '9.2',
          cloud: 'commercial',
          authorityHost: EVIL,
          tenantId: TENANT,
          clientId: 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb',
          environment: 'prod',
          colour: '#c50f1f',
          readOnly: false,
          notes: '',
          auth: { kind: 'secret' },
          ...connection,
        },
      ],
    }),
  )
  return path
}

describe('H1 an imported look-alike sign-in host', () => {
  it('H1 is imported blocked with a warning, and no query, metadata, copy-token or check request ever reaches it', async () => {
    host.answerNextPick([importFile({ customSignInHost: true })])
    const result = await call('connections:import', { kind: 'file' })
    if (!result.ok) throw new Error(result.error.message)
    const [imported] = result.data.imported
    expect(imported).toMatchObject({ authorityHost: EVIL, customSignInHost: false })
    expect(result.data.warnings.join('\n')).toContain(`BLOCKED. Its sign-in host ${EVIL}`)
    // The user types the secret in the editor, as in the audit's repro.
    await host.vault.set(vaultKeys.secret(imported!.id), SECRET)

    const attempts = [
      await call('query:execute', {
        connectionId: imported!.id,
        operationId: 'op-1',
        mode: 'odata',
        text: 'WhoAmI',
        prefer: { annotations: false, maxPageSize: null },
      }),
      await call('metadata:load', { connectionId: imported!.id, refresh: false }),
      await call('connections:copy-token', { id: imported!.id }),
    ]
    for (const attempt of attempts) {
      expect(attempt.ok).toBe(false)
      if (!attempt.ok) {
        expect(attempt.error.code).toBe('HOST_NOT_ALLOWED')
        expect(attempt.error.message).toContain(`${EVIL} is not Entra ID for the Commercial cloud`)
        expect(attempt.error.next).toContain('Custom sign-in host')
      }
    }
    const check = await call('check:run', {
      connectionId: imported!.id,
      checkId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    })
    if (!check.ok) throw new Error(check.error.message)
    expect(check.data.check.outcome).toBe('fail')

    expect(sent.filter((request) => request.host === EVIL)).toEqual([])
    expect(sent.some((request) => request.body.includes(SECRET))).toBe(false)
  })

  it('M4 an imported production connection is read-only whatever the file says, and the import says so', async () => {
    host.answerNextPick([importFile({ authorityHost: 'login.microsoftonline.com' })])
    const result = await call('connections:import', { kind: 'file' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.imported[0]).toMatchObject({ environment: 'prod', readOnly: true })
    expect(result.data.warnings.join('\n')).toMatch(/imported read-only although the file had read-only off/)
  })
})
