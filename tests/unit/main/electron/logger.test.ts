import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileLogger } from '../../../../main/electron/logger'
import { redactLogLine } from '../../../../main/electron/log-redaction'

const dir = mkdtempSync(join(tmpdir(), 'dvw-log-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.c2lnbmF0dXJlLXBhcnQ'
const ENTRA_SECRET = 'Abc8Q~k3jX9vQ2mN7pL4rT6yU1wE5sD0fG8hJ2kZ'

describe('main-process log', () => {
  it('never writes a secret, a JWT or a client_secret= value to the file', () => {
    const logger = createFileLogger(join(dir, 'logs'))
    logger.write(
      'info',
      `token request body: grant_type=client_credentials&client_id=abc&client_secret=${ENTRA_SECRET}&scope=x`,
    )
    logger.write('error', 'sign-in failed for', { headers: { authorization: `Bearer ${JWT}` }, secret: ENTRA_SECRET })
    logger.write(
      'warn',
      `GET https://contoso.crm.dynamics.com/api/data/v9.2/accounts?access_token=${JWT}&$skiptoken=abc`,
    )
    logger.write(
      'error',
      new Error(`AADSTS7000215: Invalid client secret provided. {"client_secret":"${ENTRA_SECRET}"}`),
    )
    const text = readFileSync(logger.file, 'utf8')
    expect(text).not.toContain(ENTRA_SECRET)
    expect(text).not.toContain(JWT)
    expect(text).not.toContain('eyJ')
    expect(text).toContain('client_secret=[redacted]')
    expect(text).toContain('$skiptoken=abc')
    expect(text).toContain('AADSTS7000215')
    expect(
      text
        .trim()
        .split('\n')
        .filter((line) => /^\d{4}-\d\d-\d\dT/.test(line)),
    ).toHaveLength(4)
  })

  it('redacts URLs the way the request timeline does', () => {
    expect(redactLogLine('see https://user:pw@contoso.crm.dynamics.com/x?code=abc&$top=3 now')).toBe(
      'see https://contoso.crm.dynamics.com/x?code=[redacted]&$top=3 now',
    )
  })
})
