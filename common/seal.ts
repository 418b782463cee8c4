/**
 * Seals a secret for main with main's public key, using only WebCrypto (available in the sandboxed
 * renderer and in Node): a fresh AES-256-GCM key encrypts the value, RSA-OAEP-256 wraps that key.
 * main/connections/secret-channel.ts opens it. The plain value never leaves the caller.
 */
import type { SealedSecret } from './connection'

export interface SealingKey {
  readonly keyId: string
  readonly jwk: { readonly kty: 'RSA'; readonly n: string; readonly e: string; readonly alg: 'RSA-OAEP-256' }
}

function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let binary = ''
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000))
  return btoa(binary)
}

export async function sealSecret(key: SealingKey, value: string): Promise<SealedSecret> {
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: key.jwk.kty, n: key.jwk.n, e: key.jwk.e, alg: key.jwk.alg, ext: true },
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  )
  const contentKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt'])
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, contentKey, new TextEncoder().encode(value))
  const wrappedKey = await crypto.subtle.encrypt(
    { name: 'RSA-OAEP' },
    publicKey,
    await crypto.subtle.exportKey('raw', contentKey),
  )
  return { keyId: key.keyId, wrappedKey: toBase64(wrappedKey), iv: toBase64(iv), ciphertext: toBase64(ciphertext) }
}
