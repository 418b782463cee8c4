/** AppError is a union keyed by code: each code's details have their own schema, and codes without facts carry none. */
import { describe, expect, it } from 'vitest'
import { AppErrorSchema, ERROR_CODES, type AppError } from '@common/result'
import { authFailure } from '../../../main/auth/token-provider'
import { dataverseFailure } from '../../../main/dataverse/client'
import { networkFailure, tlsFailure } from '../../../main/http/failures'

const words = { message: 'm', cause: 'c', next: 'n' }

describe('AppError', () => {
  it('accepts every error code, with or without details', () => {
    for (const code of ERROR_CODES) expect(AppErrorSchema.safeParse({ code, ...words }).success, code).toBe(true)
    expect(AppErrorSchema.safeParse({ code: 'NOPE', ...words }).success).toBe(false)
  })

  it('types the details by code: a Dataverse status is a number, an AADSTS number a string', () => {
    expect(AppErrorSchema.safeParse({ code: 'DATAVERSE_ERROR', ...words, details: { status: 403 } }).success).toBe(true)
    expect(AppErrorSchema.safeParse({ code: 'DATAVERSE_ERROR', ...words, details: { status: '403' } }).success).toBe(
      false,
    )
    expect(AppErrorSchema.safeParse({ code: 'AUTH_FAILED', ...words, details: { aadsts: 7000215 } }).success).toBe(
      false,
    )
    const parsed = AppErrorSchema.parse({ code: 'INTERNAL', ...words, details: { anything: 1 } }) as AppError
    expect(parsed.details).toBeUndefined()
  })

  it('describes what the app itself builds', () => {
    const built = [
      dataverseFailure(429, { error: { code: '0x80072322', message: 'Number of requests exceeded' } }, null, 'u', '5'),
      authFailure(
        { errorCode: 'invalid_client', errorNo: 7000215, errorMessage: 'AADSTS7000215: x' },
        {
          authorityHost: 'login.microsoftonline.com',
          tenantId: 't',
          clientId: 'c',
        },
      ),
      networkFailure('contoso.crm.dynamics.com', ['ENOTFOUND']),
      tlsFailure('contoso.crm.dynamics.com', 'CERT_HAS_EXPIRED'),
    ]
    for (const failure of built) {
      const error = failure.toAppError()
      expect(AppErrorSchema.parse(error)).toEqual(error)
    }
  })
})
