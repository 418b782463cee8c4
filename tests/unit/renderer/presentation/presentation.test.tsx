import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState, type ReactNode } from 'react'
import { webLightTheme } from '@fluentui/react-components'
import { afterEach, describe, expect, it } from 'vitest'
import { concealConnectionStringSecrets } from '../../../../renderer/src/features/connections/ImportTextDialog'
import { Masked } from '../../../../renderer/src/features/presentation/Masked'
import { PresentationProvider } from '../../../../renderer/src/features/presentation/PresentationProvider'
import { presentationTheme } from '../../../../renderer/src/features/presentation/presentation-theme'
import { useMaskedField } from '../../../../renderer/src/features/presentation/use-masked-field'
import {
  presentation,
  PRESENTATION_LOCK_HINT,
  type MaskKind,
} from '../../../../renderer/src/features/presentation/use-presentation'

const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'
const CLIENT = 'd2c764a5-f446-4c69-a646-7d74e7ea5973'
const USER = '4999d93b-f02c-41b1-bb3a-12f0a020dfbd'
const RECORD = '00008a9b-a20f-4fb5-81ce-a79111f8a001'

afterEach(() => {
  window.localStorage.clear()
  delete document.documentElement.dataset.presentation
})

describe('presentation()', () => {
  it('shows everything as is while the mode is off', () => {
    const off = presentation(false, () => undefined, [TENANT])
    for (const kind of ['id', 'text', 'diagnostic'] as const)
      expect(off.mask(`${TENANT} ann@contoso.com`, kind)).toBe(`${TENANT} ann@contoso.com`)
    expect(off.cell('emailaddress1', 'ann@contoso.com')).toBe('ann@contoso.com')
  })

  it('masks by kind: a whole id, free text with record ids kept, diagnostic text with every GUID hidden', () => {
    const on = presentation(true, () => undefined, [TENANT, CLIENT])
    expect(on.mask('contoso.onmicrosoft.com', 'id')).toBe('••••••••.com')
    const text = `tenant ${TENANT}, record ${RECORD}, mail ann@contoso.com`
    expect(on.mask(text, 'text')).toBe(
      'tenant 4c19••••-••••-••••-••••-••••••••844d, record 00008a9b-a20f-4fb5-81ce-a79111f8a001, mail a•••@c•••.com',
    )
    expect(on.mask(`user ${USER} for ${CLIENT}`, 'diagnostic')).toBe(
      'user 4999••••-••••-••••-••••-••••••••dfbd for d2c7••••-••••-••••-••••-••••••••5973',
    )
    // The known ids reach the grid too, even in a column whose GUIDs are otherwise record ids.
    expect(on.cell('accountid', CLIENT)).toBe('d2c7••••-••••-••••-••••-••••••••5973')
    expect(on.text(`as ${USER}`, [USER])).toBe('as 4999••••-••••-••••-••••-••••••••dfbd')
  })
})

function Field({
  kind,
  initial,
  paste = false,
}: {
  readonly kind: MaskKind
  readonly initial: string
  readonly paste?: boolean
}) {
  const [value, setValue] = useState(initial)
  const field = useMaskedField(value, kind, paste ? { onPaste: setValue } : {})
  return (
    <>
      <textarea
        aria-label="field"
        value={field.value}
        readOnly={field.readOnly}
        onPaste={field.onPaste}
        onChange={(event) => setValue(event.target.value)}
      />
      <span data-testid="hint">{field.hint ?? ''}</span>
      <span data-testid="real">{value}</span>
    </>
  )
}

function renderPresented(node: ReactNode) {
  return render(<PresentationProvider knownIds={[TENANT, CLIENT]}>{node}</PresentationProvider>)
}

const togglePresentation = () => fireEvent.keyDown(window, { key: 'P', ctrlKey: true, shiftKey: true })

describe('useMaskedField', () => {
  it('shows an id field masked and read-only while presenting, and editable with its real value after', async () => {
    renderPresented(<Field kind="id" initial={TENANT} />)
    const field = screen.getByLabelText<HTMLTextAreaElement>('field')
    expect(field.value).toBe(TENANT)
    expect(field.readOnly).toBe(false)

    togglePresentation()
    expect(field.value).toBe('4c19••••-••••-••••-••••-••••••••844d')
    expect(field.readOnly).toBe(true)
    expect(screen.getByTestId('hint')).toHaveTextContent(PRESENTATION_LOCK_HINT)
    expect(document.documentElement.dataset.presentation).toBe('on')
    await userEvent.type(field, 'x')
    expect(screen.getByTestId('real')).toHaveTextContent(TENANT)

    togglePresentation()
    expect(field.value).toBe(TENANT)
    expect(field.readOnly).toBe(false)
    await userEvent.type(field, 'x')
    expect(screen.getByTestId('real')).toHaveTextContent(`${TENANT}x`)
  })

  it('keeps a text field editable until it holds something to hide', () => {
    window.localStorage.setItem('dvw.presentation', 'on')
    renderPresented(<Field kind="text" initial="Demo tenant" />)
    const field = screen.getByLabelText<HTMLTextAreaElement>('field')
    expect(field.readOnly).toBe(false)
    fireEvent.change(field, { target: { value: 'Ask ann@contoso.com' } })
    expect(field.value).toBe('Ask a•••@c•••.com')
    expect(field.readOnly).toBe(true)
    expect(screen.getByTestId('real')).toHaveTextContent('Ask ann@contoso.com')
  })

  it('takes a paste in a paste field while presenting, and shows it masked', () => {
    window.localStorage.setItem('dvw.presentation', 'on')
    renderPresented(<Field kind="diagnostic" initial="" paste />)
    const field = screen.getByLabelText<HTMLTextAreaElement>('field')
    expect(field.readOnly).toBe(true)
    const pasted = `AADSTS700016: Application with identifier '${USER}' was not found in the directory '${TENANT}'.`
    fireEvent.paste(field, { clipboardData: { getData: (type: string) => (type === 'text/plain' ? pasted : '') } })
    expect(screen.getByTestId('real')).toHaveTextContent(pasted)
    expect(field.value).toBe(
      "AADSTS700016: Application with identifier '4999••••-••••-••••-••••-••••••••dfbd' was not found in the directory '4c19••••-••••-••••-••••-••••••••844d'.",
    )
    expect(screen.getByTestId('hint')).toHaveTextContent('Paste replaces the text')
  })
})

describe('<Masked>', () => {
  it('follows the mode', () => {
    renderPresented(
      <p data-testid="line">
        Signed in as <Masked value={USER} kind="id" />
      </p>,
    )
    expect(screen.getByTestId('line')).toHaveTextContent(`Signed in as ${USER}`)
    togglePresentation()
    expect(screen.getByTestId('line')).toHaveTextContent('Signed in as 4999••••-••••-••••-••••-••••••••dfbd')
  })
})

describe('presentation theme', () => {
  it('scales the whole type ramp and nothing else', () => {
    const scaled = presentationTheme(webLightTheme)
    expect(webLightTheme.fontSizeBase300).toBe('14px')
    expect(scaled.fontSizeBase300).toBe('17px')
    expect(scaled.lineHeightBase300).toBe(`${Math.round(Number.parseFloat(webLightTheme.lineHeightBase300) * 1.2)}px`)
    expect(scaled.fontSizeHero1000).toBe(`${Math.round(Number.parseFloat(webLightTheme.fontSizeHero1000) * 1.2)}px`)
    expect(scaled.colorBrandBackground).toBe(webLightTheme.colorBrandBackground)
    expect(scaled.spacingHorizontalM).toBe(webLightTheme.spacingHorizontalM)
  })
})

describe('pasted connection strings while presenting', () => {
  it('hide the secret and the password, keep the rest', () => {
    expect(
      concealConnectionStringSecrets(
        'AuthType=ClientSecret;Url=https://x.crm.dynamics.com;ClientId=abc;ClientSecret=s3cr3t~value\nAuthType=Certificate;Password=pw;Secret=',
      ),
    ).toBe(
      'AuthType=ClientSecret;Url=https://x.crm.dynamics.com;ClientId=abc;ClientSecret=••••••••\nAuthType=Certificate;Password=••••••••;Secret=',
    )
  })
})
