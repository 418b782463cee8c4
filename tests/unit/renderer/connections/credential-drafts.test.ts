import { describe, expect, it } from 'vitest'
import type { SealedSecret } from '@common/connection'
import {
  draftFromForm,
  emptyForm,
  formFromConnection,
  validate,
} from '../../../../renderer/src/features/connections/editor-state'
import { connection } from '../../../support/connection-fixtures'

const seal = async (): Promise<SealedSecret> => {
  throw new Error('nothing secret is sealed for these credentials')
}

const base = {
  ...emptyForm(),
  urlInput: 'https://contoso.crm4.dynamics.com',
  name: 'Contoso',
  cloud: 'commercial' as const,
  authorityHost: 'login.microsoftonline.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  clientId: 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb',
}

describe('editor drafts for certificates and federated credentials', () => {
  it('stores RS256 only when chosen; PS256 + x5t#S256 is the default and is left implicit', async () => {
    const certificate = {
      ...base,
      authKind: 'certificate' as const,
      certificatePath: '/c.pfx',
      passwordAction: 'clear' as const,
    }
    const rs = await draftFromForm({ ...certificate, certificateAssertion: 'RS256' }, base.urlInput, '9.2', seal)
    expect(rs.auth).toMatchObject({ kind: 'certificate', assertion: 'RS256' })
    const ps = await draftFromForm(certificate, base.urlInput, '9.2', seal)
    expect(ps.auth).not.toHaveProperty('assertion')
    const stored = formFromConnection(
      connection({
        auth: {
          kind: 'certificate',
          certificatePath: '/c.pfx',
          format: 'pfx',
          thumbprintSha1: 'A'.repeat(40),
          thumbprintSha256: 'B'.repeat(64),
          sendX5c: false,
          assertion: 'RS256',
          hasPassword: false,
        },
      }),
    )
    expect(stored.certificateAssertion).toBe('RS256')
  })

  it('a federated draft carries the source and subject; validation names what is missing', async () => {
    const federated = {
      ...base,
      authKind: 'federated' as const,
      federated: { tokenSource: 'env' as const, tokenReference: '', expectedSubject: 'repo:a/b:pull request' },
    }
    expect(validate(federated, null)).toMatchObject({
      federatedToken: 'Enter the name of the environment variable that holds the OIDC token.',
      federatedSubject: 'A subject has no spaces; copy it from the federated credential.',
    })
    const filled = {
      ...federated,
      federated: { ...federated.federated, tokenReference: 'OIDC', expectedSubject: ' sc://o/p/c ' },
    }
    expect((await draftFromForm(filled, base.urlInput, '9.2', seal)).auth).toEqual({
      kind: 'federated',
      tokenSource: 'env',
      tokenReference: 'OIDC',
      expectedSubject: 'sc://o/p/c',
    })
  })
})
