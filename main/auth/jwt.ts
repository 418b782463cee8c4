/**
 * Decodes a JWT's header and payload without verifying it. For inspection only: nothing here
 * makes a token trustworthy, and nothing here ever logs or returns the token itself.
 */

export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>
  readonly payload: Readonly<Record<string, unknown>>
}

export type JwtProblem = 'empty' | 'encrypted' | 'not-a-jwt' | 'bad-encoding' | 'bad-json'

/** A token that cannot be decoded; the message says why in words a user can act on. */
export class JwtDecodeError extends Error {
  readonly problem: JwtProblem
  constructor(problem: JwtProblem, message: string) {
    super(message)
    this.name = 'JwtDecodeError'
    this.problem = problem
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/

/** Accepts what people copy: a bare token, "Bearer eyJ…", an "Authorization: Bearer …" line, quotes around it. */
function extractJwt(text: string): string {
  return text
    .trim()
    .replace(/^authorization\s*:\s*/i, '')
    .replace(/^bearer\s+/i, '')
    .replace(/^["']|["']$/g, '')
    .trim()
}

function decodePart(part: string, which: 'header' | 'payload'): Record<string, unknown> {
  if (!BASE64URL.test(part) || part.length % 4 === 1) {
    throw new JwtDecodeError(
      'bad-encoding',
      `The token's ${which} is not base64url text; part of the token may be missing or altered.`,
    )
  }
  let json: string
  try {
    json = Buffer.from(part, 'base64url').toString('utf8')
  } catch {
    throw new JwtDecodeError('bad-encoding', `The token's ${which} could not be decoded from base64url.`)
  }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new JwtDecodeError(
      'bad-json',
      `The token's ${which} decodes, but not to JSON; it was probably cut off when copied.`,
    )
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new JwtDecodeError('bad-json', `The token's ${which} is JSON but not an object of claims.`)
  }
  return value as Record<string, unknown>
}

export function decodeJwt(text: string): DecodedJwt {
  const token = extractJwt(text)
  if (!token) throw new JwtDecodeError('empty', 'No token was given.')
  const parts = token.split('.')
  if (parts.length === 5) {
    throw new JwtDecodeError(
      'encrypted',
      'This is an encrypted token (JWE, five parts); only its intended recipient can read it.',
    )
  }
  if (parts.length !== 3 || !parts[0] || !parts[1]) {
    throw new JwtDecodeError(
      'not-a-jwt',
      `This is not a JWT: a JWT has three parts separated by dots (header.payload.signature), this has ${parts.length}. Copy the whole access_token value.`,
    )
  }
  return { header: decodePart(parts[0], 'header'), payload: decodePart(parts[1], 'payload') }
}
