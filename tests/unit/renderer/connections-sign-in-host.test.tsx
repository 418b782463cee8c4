/**
 * The editor's sign-in host check, end to end in the window. In a file of its own: after the other
 * connection tests in the same jsdom, the editor's second save was never sent (an isolation problem
 * of those tests, still to find), while this test passes alone every time.
 */
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../renderer/src/App'
import { connection, installConnections, sample } from '../../support/connection-fixtures'

beforeEach(() => {
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

describe('connection editor sign-in host', () => {
  it('H1 shows a stored connection’s doubtful sign-in host in red for review and sends the custom choice only when ticked', async () => {
    const { save } = installConnections([
      sample,
      connection({ authorityHost: 'login.microsoftonline.com.evil.example' }),
    ])
    render(<App />)
    const user = userEvent.setup()
    const item = (await screen.findAllByTestId('connection-item'))[1]!
    await user.dblClick(within(item).getByRole('button', { pressed: false }))
    expect(await screen.findByTestId('authority-input')).toHaveValue('login.microsoftonline.com.evil.example')
    await user.click(screen.getByTestId('save-connection'))
    expect(await screen.findByText(/not Entra ID for the Commercial cloud/)).toBeInTheDocument()
    expect(save).not.toHaveBeenCalled()
    await user.click(screen.getByTestId('custom-sign-in-host'))
    expect(screen.getByText(/which is not Microsoft Entra ID/)).toBeInTheDocument()
    await user.click(screen.getByTestId('save-connection'))
    await waitFor(
      () =>
        expect(save.mock.calls[0]?.[0]).toMatchObject({
          draft: { customSignInHost: true, authorityHost: 'login.microsoftonline.com.evil.example' },
        }),
      { timeout: 5000 },
    )
    // Two saves through the whole editor: on a loaded 2-core machine this takes longer than the default 5 s.
  }, 20_000)
})
