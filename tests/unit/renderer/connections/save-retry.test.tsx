/**
 * The editor's one save retry: when main answers SECRET_KEY_STALE (it restarted since the window
 * fetched its sealing key), the window fetches the new key, seals again and saves once more. Any
 * other failure, even one worded the same, is shown and not retried.
 */
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DataverseBridge } from '@common/contract'
import type { AppError, Result } from '@common/result'
import { App } from '../../../../renderer/src/App'
import { forgetSealingKey } from '../../../../renderer/src/features/connections/seal'
import { connection, dev, installConnections, sample } from '../../../support/connection-fixtures'
import { ok } from '../../../support/fake-bridge'

/** What connections:secret-key answers: main's public key for this session, named by its id. */
async function sessionKey(keyId: string) {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  )
  const { n, e } = await crypto.subtle.exportKey('jwk', pair.publicKey)
  return { keyId, jwk: { kty: 'RSA' as const, n: n!, e: e!, alg: 'RSA-OAEP-256' as const } }
}

const stale: AppError = {
  code: 'SECRET_KEY_STALE',
  message: 'The secret could not be opened: it was sealed for an earlier session.',
  cause: 'The app restarted since the key was fetched.',
  next: 'Save again.',
}

beforeEach(() => {
  forgetSealingKey()
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

async function saveWithNewSecret(first: AppError) {
  const keys = [await sessionKey('first-session'), await sessionKey('second-session')]
  const secretKey = vi.fn<DataverseBridge['connectionsSecretKey']>(async () =>
    ok(keys.shift() ?? (await sessionKey('later'))),
  )
  const answers: Result<ReturnType<typeof connection>>[] = [
    { ok: false, error: first },
    { ok: true, data: connection({ id: 'c-1' }) },
  ]
  const save = vi.fn<DataverseBridge['connectionsSave']>(() => Promise.resolve(answers.shift()!))
  installConnections([sample, dev], { connectionsSecretKey: secretKey, connectionsSave: save })
  render(<App />)
  const user = userEvent.setup()
  const item = (await screen.findAllByTestId('connection-item'))[1]!
  await user.dblClick(within(item).getByRole('button', { pressed: false }))
  await user.click(await screen.findByTestId('replace-secret'))
  await user.type(screen.getByTestId('secret-input'), 'Zx8Q~new-value')
  await user.click(screen.getByTestId('save-connection'))
  return { save, secretKey }
}

describe('connection editor save retry', () => {
  it('fetches the new key and saves once more when main answers SECRET_KEY_STALE', async () => {
    const { save, secretKey } = await saveWithNewSecret(stale)
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2), { timeout: 5000 })
    expect(secretKey).toHaveBeenCalledTimes(2)
    const sealedWith = save.mock.calls.map(([input]) => {
      const secret = input.draft.auth.kind === 'secret' ? input.draft.auth.secret : null
      return secret?.action === 'set' ? secret.sealed.keyId : null
    })
    expect(sealedWith).toEqual(['first-session', 'second-session'])
  }, 20_000)

  it('does not retry another failure with the same words', async () => {
    const { save } = await saveWithNewSecret({ ...stale, code: 'INVALID_INPUT' })
    expect(await screen.findByText(/sealed for an earlier session/)).toBeInTheDocument()
    expect(save).toHaveBeenCalledTimes(1)
  }, 20_000)
})
