import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../renderer/src/App'
import {
  customSignInHostWarning,
  emptyForm,
  validate,
  withEnvironment,
  type EditorForm,
} from '../../../renderer/src/features/connections/editor-state'
import { ok } from '../../support/fake-bridge'
import { CLIENT, connection, dev, installConnections, prod, sample, TENANT } from '../../support/connection-fixtures'

beforeEach(() => {
  window.matchMedia = vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  }))
})

describe('editor validation', () => {
  const valid: EditorForm = {
    ...emptyForm(),
    urlInput: 'https://contoso.crm.dynamics.com',
    name: 'Contoso',
    cloud: 'commercial',
    authorityHost: 'login.microsoftonline.com',
    tenantId: TENANT,
    clientId: CLIENT,
    secretValue: 'Zx8Q~value',
  }

  it('accepts a complete form', () => {
    expect(validate(valid, null, '2026-11-26')).toEqual({})
  })

  it.each([
    [
      'a secret ID pasted as the secret',
      { secretValue: '3f2a1b4c-1111-2222-3333-444455556666' },
      'secret',
      /secret’s ID, not its value/,
    ],
    ['the tenant ID pasted as the client ID', { clientId: TENANT }, 'clientId', /This is the tenant ID/],
    ['the common tenant', { tenantId: 'common' }, 'tenantId', /AADSTS50059/],
    ['an unknown host without a cloud', { cloud: '' as const }, 'cloud', /choose its cloud/],
    ['an expiry in the past', { secretExpiresOn: '2026-01-01' }, 'secretExpiresOn', /AADSTS7000222/],
    ['no secret for a new connection', { secretValue: '' }, 'secret', /Paste the client secret/],
    ['a certificate not chosen', { authKind: 'certificate' as const }, 'certificate', /Choose the certificate file/],
  ])('flags %s at its field', (_name, patch, field, message) => {
    expect(validate({ ...valid, ...patch }, null, '2026-11-26')[field as keyof ReturnType<typeof validate>]).toMatch(
      message,
    )
  })

  it('H1 flags a sign-in host that is not Entra ID for the cloud until "Custom sign-in host" is ticked, then warns in red', () => {
    const lookAlike = { ...valid, authorityHost: 'login.microsoftonline.com.evil.example' }
    expect(validate(lookAlike, null, '2026-11-26').authorityHost).toMatch(
      /not Entra ID for the Commercial cloud.*Custom sign-in host/,
    )
    expect(customSignInHostWarning(lookAlike)).toBeNull()
    const custom = { ...lookAlike, customSignInHost: true }
    expect(validate(custom, null, '2026-11-26')).toEqual({})
    expect(customSignInHostWarning(custom)).toMatch(
      /is sent to login\.microsoftonline\.com\.evil\.example, which is not Microsoft Entra ID/,
    )
    expect(customSignInHostWarning({ ...valid, customSignInHost: true })).toBeNull()
  })

  it('turns read-only on for production unless the user chose otherwise', () => {
    expect(withEnvironment(valid, 'prod').readOnly).toBe(true)
    expect(withEnvironment({ ...valid, readOnlyTouched: true, readOnly: false }, 'prod').readOnly).toBe(false)
  })
})

describe('connection rail', () => {
  it('opens on the read-only sample environment', async () => {
    installConnections([sample, dev, prod])
    render(<App />)
    const status = await screen.findByTestId('current-connection')
    expect(status).toHaveTextContent('Sample environment (offline)')
    expect(screen.getByRole('button', { pressed: true })).toHaveAttribute('data-connection-id', 'sample')
  })

  it('pins the sample, marks production with a red stripe, a PROD badge and a lock, and shows the last test', async () => {
    installConnections([sample, dev, prod])
    render(<App />)
    const items = await screen.findAllByTestId('connection-item')
    expect(items.map((item) => item.getAttribute('data-connection-name'))).toEqual([
      'Sample environment (offline)',
      'Contoso dev',
      'Contoso prod',
    ])
    expect(within(items[0]!).getByTestId('sample-badge')).toBeInTheDocument()
    const prodItem = items[2]!
    expect(within(prodItem).getByTestId('prod-badge')).toHaveTextContent('PROD')
    expect(within(prodItem).getByTestId('read-only-lock')).toBeInTheDocument()
    expect(within(prodItem).getByTestId('colour-stripe')).toHaveStyle({ backgroundColor: '#c50f1f' })
    expect(within(prodItem).getByTestId('last-test')).toHaveAttribute('data-status', 'fail')
    expect(within(items[1]!).queryByTestId('prod-badge')).toBeNull()
  })

  it('marks a secret that expires within 30 days and a certificate that has expired, and says when', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
    const expiring = connection({
      id: 'c-3',
      name: 'Expiring',
      auth: { kind: 'secret', hasSecret: true, hint: 'abc', expiresOn: inDays(10).slice(0, 10) },
    })
    const expired = connection({
      id: 'c-4',
      name: 'Expired',
      auth: {
        kind: 'certificate',
        certificatePath: '/certs/app.pfx',
        format: 'pfx',
        thumbprintSha1: 'A'.repeat(40),
        thumbprintSha256: 'B'.repeat(64),
        sendX5c: false,
        notAfter: inDays(-3),
        hasPassword: true,
      },
    })
    installConnections([sample, dev, expiring, expired])
    render(<App />)
    const items = await screen.findAllByTestId('connection-item')
    const byName = (name: string) => items.find((item) => item.getAttribute('data-connection-name') === name)!
    expect(within(byName('Contoso dev')).queryByTestId('credential-expiry')).toBeNull()
    expect(within(byName('Expiring')).getByTestId('credential-expiry')).toHaveAttribute('data-state', 'soon')
    expect(within(byName('Expired')).getByTestId('credential-expiry')).toHaveAttribute('data-state', 'expired')
    await userEvent.setup().hover(within(byName('Expired')).getByTestId('credential-expiry'))
    expect(
      await screen.findByText(
        /^Certificate expired 3 days ago \(\d{4}-\d{2}-\d{2}\): renew it before sign-in fails\.$/,
      ),
    ).toBeInTheDocument()
  })

  it('filters by search and moves with the arrow keys; selecting sets the current connection in the status bar', async () => {
    installConnections([sample, dev, prod])
    render(<App />)
    const user = userEvent.setup()
    await screen.findAllByTestId('connection-item')
    await user.type(screen.getByRole('searchbox', { name: 'Search connections' }), 'prod')
    expect(screen.getAllByTestId('connection-item').map((item) => item.getAttribute('data-connection-name'))).toEqual([
      'Contoso prod',
    ])
    await user.clear(screen.getByRole('searchbox', { name: 'Search connections' }))

    // The sample is current at start; from it, two steps down reach production.
    const items = [...document.querySelectorAll<HTMLElement>('button[data-connection-id]')]
    expect(items.map((item) => item.getAttribute('data-connection-id'))).toEqual(['sample', 'c-1', 'c-2'])
    items[0]!.focus()
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}')
    const status = screen.getByTestId('current-connection')
    expect(status).toHaveTextContent('Contoso prod')
    expect(within(status).getByTestId('prod-badge')).toBeInTheDocument()
  })
})

describe('connection editor', () => {
  it('previews what it understood from a pasted URL and fills the cloud, sign-in host and name', async () => {
    installConnections([sample])
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('new-connection'))
    await user.type(screen.getByTestId('url-input'), 'https://fabrikam.crm4.dynamics.com/main.aspx')
    await waitFor(() =>
      expect(screen.getByTestId('preview-org-url')).toHaveTextContent('https://fabrikam.crm4.dynamics.com'),
    )
    expect(screen.getByTestId('preview-region')).toHaveTextContent('EUR')
    expect(screen.getByTestId('url-warning')).toHaveTextContent('AADSTS500011')
    expect(screen.getByTestId('name-input')).toHaveValue('fabrikam')
    expect(screen.getByTestId('authority-input')).toHaveValue('login.microsoftonline.com')
  })

  it('shows a stored secret only as "set · hint · expires" and offers to replace it', async () => {
    installConnections([sample, dev])
    render(<App />)
    const user = userEvent.setup()
    const item = (await screen.findAllByTestId('connection-item'))[1]!
    await user.dblClick(within(item).getByRole('button', { pressed: false }))
    expect(await screen.findByTestId('secret-summary')).toHaveTextContent('set · hint abc · expires 2027-03-01')
    expect(screen.queryByTestId('secret-input')).toBeNull()
    await user.click(screen.getByTestId('replace-secret'))
    expect(screen.getByTestId('secret-input')).toHaveAttribute('type', 'password')
  })

  it('shows each field’s problem on save and sends nothing while any remains', async () => {
    const { save } = installConnections([sample])
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('new-connection'))
    await user.click(screen.getByTestId('save-connection'))
    expect(screen.getByTestId('form-errors')).toHaveTextContent('Fix the highlighted fields')
    expect(screen.getByText(/Paste the environment URL/)).toBeInTheDocument()
    expect(screen.getByText(/Enter the Application \(client\) ID/)).toBeInTheDocument()
    expect(save).not.toHaveBeenCalled()
  })
})

describe('network settings', () => {
  it('shows a CA file that cannot be read, and saves an explicit proxy', async () => {
    const { saveProxy } = installConnections([sample])
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('rail-menu'))
    await user.click(await screen.findByRole('menuitem', { name: 'Network settings…' }))
    const dialog = await screen.findByTestId('network-settings')
    expect(await within(dialog).findByTestId('trusted-ca')).toHaveTextContent('could not be read')
    await user.click(within(dialog).getByLabelText('Use this proxy'))
    await user.type(within(dialog).getByTestId('proxy-url'), 'http://proxy.contoso.local:8080')
    await user.click(within(dialog).getByRole('button', { name: 'Save proxy' }))
    await waitFor(() =>
      expect(saveProxy).toHaveBeenCalledWith({ proxyUrl: 'http://proxy.contoso.local:8080', noProxy: '' }),
    )
    expect(await within(dialog).findByText('Saved and applied.')).toBeInTheDocument()
  })
})

describe('network settings in the desktop app', () => {
  it('says the CA files add to the system store, and what changes while they are set', async () => {
    const caTrust = {
      base: "the operating system's certificate store",
      caveat: "While extra CA files are set, requests go through Node's network stack.",
    }
    const empty = {
      settings: { proxyUrl: null, noProxy: '', extraCaFiles: [] },
      caFiles: [],
      applyProblem: null,
      caTrust,
    }
    const withFile = {
      settings: { proxyUrl: null, noProxy: '', extraCaFiles: ['/certs/corp.pem'] },
      caFiles: [
        {
          path: '/certs/corp.pem',
          subject: 'CN=Corporate Inspection CA',
          notAfter: '2030-01-01T00:00:00.000Z',
          problem: null,
        },
      ],
      applyProblem: null,
      caTrust,
    }
    installConnections([sample], {
      connectionsGetNetwork: () => ok(empty),
      connectionsAddTrustedCa: () => ok({ ...withFile, cancelled: false }),
    })
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByTestId('rail-menu'))
    await user.click(await screen.findByRole('menuitem', { name: 'Network settings…' }))
    const dialog = await screen.findByTestId('network-settings')
    expect(
      await within(dialog).findByText(/trusted in addition to the operating system's certificate store/),
    ).toBeInTheDocument()
    expect(within(dialog).queryByTestId('ca-trust-caveat')).toBeNull()
    // By text: in jsdom the menu's focus trap can leave the new dialog aria-hidden for a moment, hiding it from role queries.
    await user.click(within(dialog).getByText('Add CA file…'))
    expect(await within(dialog).findByTestId('ca-trust-caveat')).toHaveTextContent(
      "requests go through Node's network stack",
    )
    expect(within(dialog).getByTestId('trusted-ca')).toHaveTextContent('CN=Corporate Inspection CA')
  })
})
