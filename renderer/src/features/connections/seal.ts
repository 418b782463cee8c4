/** Secrets leave the window only sealed with main's session key. */
import type { SealedSecret } from '@common/connection'
import { sealSecret } from '@common/seal'
import { bridge, unwrap } from '../../bridge'

/**
 * Seals a typed secret with main's session key before it is sent anywhere. The key is fetched once;
 * after an app restart main has a new one, so a SECRET_KEY_STALE error means: fetch
 * again and retry (done by the caller through forgetSealingKey()).
 */
let key: Promise<Awaited<ReturnType<typeof fetchKey>>> | null = null

function fetchKey() {
  return unwrap(bridge().connectionsSecretKey())
}

export async function seal(value: string): Promise<SealedSecret> {
  key ??= fetchKey()
  try {
    return await sealSecret(await key, value)
  } catch (error) {
    key = null
    throw error
  }
}

export function forgetSealingKey(): void {
  key = null
}
