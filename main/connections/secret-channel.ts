/**
 * Write-only secret entry. Main holds an RSA key pair for the life of the process and gives the
 * renderer only the public key; the renderer seals a typed secret with it (WebCrypto: a fresh
 * AES-256-GCM key encrypts the value, RSA-OAEP-256 wraps that key). So the plain value never
 * crosses IPC, never sits in an IPC trace or the harness transcript, and only main can open it.
 */
import {
  constants,
  createDecipheriv,
  generateKeyPairSync,
  privateDecrypt,
  randomUUID,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto'
import type { SealedSecret } from '@common/connection'
import { AppFailure } from '@common/result'

export interface SecretChannel {
  readonly keyId: string
  /** RSA-OAEP-256 public key as a JWK, for crypto.subtle.importKey in the renderer. */
  publicJwk(): JsonWebKey
  /** Opens a sealed secret. Throws SECRET_KEY_STALE for a key id of an earlier session, INVALID_INPUT for tampered data. */
  unseal(sealed: SealedSecret): string
}

const GCM_TAG_BYTES = 16

function sealFailure(message: string, error?: unknown): AppFailure {
  return new AppFailure(
    {
      code: 'INVALID_INPUT',
      message,
      cause:
        'The window sealed the secret with a key main no longer has (the app restarted), or the data was altered on the way.',
      next: 'Type the secret again and save.',
    },
    { cause: error },
  )
}

/** Its own code, so the window's one retry (fetch the new key, seal again) never depends on this wording. */
function staleKey(): AppFailure {
  return new AppFailure({
    code: 'SECRET_KEY_STALE',
    message: 'The secret could not be opened: it was sealed for an earlier session.',
    cause: 'The window sealed the secret with a key main no longer has: the app restarted since the key was fetched.',
    next: 'Save again: the window fetches the current key and seals the secret with it.',
  })
}

interface KeyPair {
  readonly privateKey: KeyObject
  readonly jwk: JsonWebKey
}

/** The key pair is made when the window first asks for it: RSA generation blocks for ~100 ms, which a CLI command never needs. */
export function createSecretChannel(): SecretChannel {
  const keyId = randomUUID()
  let keys: KeyPair | null = null
  const keyPair = (): KeyPair => {
    if (keys) return keys
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }) as {
      publicKey: KeyObject
      privateKey: KeyObject
    }
    keys = { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), alg: 'RSA-OAEP-256', use: 'enc', kid: keyId } }
    return keys
  }

  return {
    keyId,
    publicJwk: () => ({ ...keyPair().jwk }),
    unseal(sealed) {
      if (sealed.keyId !== keyId) throw staleKey()
      try {
        const key = privateDecrypt(
          { key: keyPair().privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          Buffer.from(sealed.wrappedKey, 'base64'),
        )
        const data = Buffer.from(sealed.ciphertext, 'base64')
        if (data.length < GCM_TAG_BYTES) throw new Error('ciphertext shorter than the GCM tag')
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
        decipher.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES))
        return Buffer.concat([
          decipher.update(data.subarray(0, data.length - GCM_TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8')
      } catch (error) {
        throw sealFailure('The secret could not be opened.', error)
      }
    },
  }
}
