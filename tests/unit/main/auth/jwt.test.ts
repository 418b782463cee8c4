import { describe, expect, it } from 'vitest'
import { decodeJwt, JwtDecodeError } from '../../../../main/auth/jwt'
import { makeJwt } from '../../../support/jwt'

function problemOf(text: string): string {
  try {
    decodeJwt(text)
    return 'decoded'
  } catch (error) {
    expect(error).toBeInstanceOf(JwtDecodeError)
    return (error as JwtDecodeError).problem
  }
}

describe('decodeJwt', () => {
  it('decodes header and payload, with or without a Bearer prefix or quotes', () => {
    const token = makeJwt({ aud: 'https://contoso.crm.dynamics.com', ver: '1.0' })
    for (const pasted of [token, `Bearer ${token}`, `Authorization: Bearer ${token}\n`, `"${token}"`]) {
      const decoded = decodeJwt(pasted)
      expect(decoded.header).toMatchObject({ typ: 'JWT', alg: 'RS256' })
      expect(decoded.payload).toEqual({ aud: 'https://contoso.crm.dynamics.com', ver: '1.0' })
    }
  })

  it('explains what is wrong with input that is not a readable JWT', () => {
    expect(problemOf('   ')).toBe('empty')
    expect(problemOf('a.b.c.d.e')).toBe('encrypted')
    expect(problemOf('only-one-part')).toBe('not-a-jwt')
    expect(problemOf('eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0')).toBe('not-a-jwt')
    expect(problemOf('eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.')).toBe('decoded')
    expect(problemOf('eyJhbGciOiJSUzI1NiJ9..sig')).toBe('not-a-jwt')
    expect(problemOf('eyJ%%%.eyJ.sig')).toBe('bad-encoding')
    expect(problemOf(`${Buffer.from('not json').toString('base64url')}.eyJ4IjoxfQ.sig`)).toBe('bad-json')
    expect(problemOf(`${Buffer.from('[1,2]').toString('base64url')}.eyJ4IjoxfQ.sig`)).toBe('bad-json')
    // A token cut off while copying: the payload's JSON is truncated.
    const token = makeJwt({ aud: 'https://contoso.crm.dynamics.com', tid: 'x' })
    const [h, p] = token.split('.') as [string, string]
    expect(problemOf(`${h}.${p.slice(0, p.length - 8)}.sig`)).toBe('bad-json')
  })

  it('never puts the token into its error messages', () => {
    const token = makeJwt({ secret: 'no' }).replace(/\.[^.]+$/, '')
    try {
      decodeJwt(token + '.x.y.z')
    } catch (error) {
      expect((error as Error).message).not.toContain(token.slice(0, 20))
    }
  })
})
