import { generateKeyPair, SignJWT, exportJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  AZURE_DEVOPS_ISSUER,
  createEmulator,
  GITHUB_ISSUER,
  scenarioApp,
  TENANT_ID,
  TOKEN_EXCHANGE_AUDIENCE,
} from '../../../../emulator'
import { postToken, type FetchFn } from '../../../support/emulator-client'

const app = scenarioApp('federated-credential')
const SUBJECT = 'repo:contoso/dataverse-pipeline:environment:Production'
const org = 'https://contoso.crm.dynamics.com'

/** A key the test owns, registered in the options as an issuer's JWKS, plus a credential trusting it. */
const testKeys = await generateKeyPair('RS256')
const TEST_ISSUER = 'https://oidc.example.test/tenant-1'
const emulator = createEmulator({
  rows: { accounts: 1, contacts: 1 },
  federation: {
    issuers: [{ issuer: TEST_ISSUER, jwks: { keys: [{ ...(await exportJWK(testKeys.publicKey)), kid: 'test-1' }] } }],
    credentials: [{ clientId: app.clientId, issuer: TEST_ISSUER, subject: 'system:serviceaccount:ops:dvw' }],
  },
})
const fetch = emulator.fetch as FetchFn

const present = (assertion: string) =>
  postToken(fetch, `${emulator.authorityUrl}/${TENANT_ID}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: app.clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope: `${org}/.default`,
  })

async function refusal(assertion: string, code: number): Promise<string> {
  const result = await present(assertion)
  expect(result.status).toBe(401)
  const body = result.json as { error: string; error_codes: number[]; error_description: string }
  expect(body.error).toBe('invalid_client')
  expect(body.error_codes).toEqual([code])
  expect(body.error_description.startsWith(`AADSTS${code}: `)).toBe(true)
  return body.error_description
}

describe('emulated Entra ID: federated identity credentials', () => {
  it('issues a token for a GitHub token whose issuer, subject and audience match, with appidacr 2', async () => {
    const result = await present(await emulator.federatedToken({ subject: SUBJECT }))
    expect(result.status).toBe(200)
    const token = (result.json as { access_token: string }).access_token
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
    expect(claims).toMatchObject({ appid: app.clientId, appidacr: '2', aud: org })
  })

  it('accepts the Azure DevOps service connection credential', async () => {
    const assertion = await emulator.federatedToken({
      issuer: AZURE_DEVOPS_ISSUER,
      subject: 'sc://contoso/Dataverse/dataverse-prod',
    })
    expect((await present(assertion)).status).toBe(200)
  })

  it('accepts a token signed with a key the test registered for its own issuer', async () => {
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'test-1' })
      .setIssuer(TEST_ISSUER)
      .setSubject('system:serviceaccount:ops:dvw')
      .setAudience(TOKEN_EXCHANGE_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(testKeys.privateKey)
    expect((await present(assertion)).status).toBe(200)
  })

  it('AADSTS700213 for a subject no credential has, naming the presented subject', async () => {
    const text = await refusal(
      await emulator.federatedToken({ subject: 'repo:contoso/dataverse-pipeline:ref:refs/heads/main' }),
      700213,
    )
    expect(text).toContain(
      "No matching federated identity record found for presented assertion subject 'repo:contoso/dataverse-pipeline:ref:refs/heads/main'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    )
  })

  it('AADSTS7002138 when the subject differs only in letter case', async () => {
    const text = await refusal(
      await emulator.federatedToken({ subject: 'repo:Contoso/dataverse-pipeline:environment:production' }),
      7002138,
    )
    expect(text).toContain(
      'The subject matches with case-insensitive comparison, but not with case-sensitive comparison.',
    )
  })

  it('AADSTS700211 for an issuer no credential trusts, and 700212 for the wrong audience', async () => {
    const issuerText = await refusal(
      await emulator.federatedToken({ issuer: `${GITHUB_ISSUER}/`, subject: SUBJECT }),
      700211,
    )
    expect(issuerText).toContain(`presented assertion issuer '${GITHUB_ISSUER}/'`)
    const audienceText = await refusal(
      await emulator.federatedToken({ subject: SUBJECT, audience: 'api://AzureADTokenExchangeTypo' }),
      700212,
    )
    expect(audienceText).toContain("presented assertion audience 'api://AzureADTokenExchangeTypo'")
  })

  it('AADSTS700024 for an expired token', async () => {
    const text = await refusal(await emulator.federatedToken({ subject: SUBJECT, lifetimeSeconds: -600 }), 700024)
    expect(text).toContain('Client assertion is not within its valid time range.')
  })

  it('AADSTS50013 for a token whose signature does not verify with the issuer key', async () => {
    const other = await generateKeyPair('RS256')
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'test-1' })
      .setIssuer(TEST_ISSUER)
      .setSubject('system:serviceaccount:ops:dvw')
      .setAudience(TOKEN_EXCHANGE_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(other.privateKey)
    expect(await refusal(forged, 50013)).toContain('Assertion failed signature validation.')
  })

  it('a secret app with no federated credential answers 700211 to an external token', async () => {
    const result = await postToken(fetch, `${emulator.authorityUrl}/${TENANT_ID}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: scenarioApp('healthy').clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await emulator.federatedToken({ subject: SUBJECT }),
      scope: `${org}/.default`,
    })
    expect((result.json as { error_codes: number[] }).error_codes).toEqual([700211])
  })
})
