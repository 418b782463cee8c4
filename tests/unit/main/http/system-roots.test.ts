import { rootCertificates } from 'node:tls'
import { describe, expect, it } from 'vitest'
import { systemAndBundledRoots } from '../../../../main/http/system-roots'

describe('roots for the app while extra CA files are set', () => {
  it('joins the operating system store and the bundled roots, once each, where Node can read the store', () => {
    const stores = { system: ['CORP-ROOT', 'SHARED-ROOT'], bundled: ['SHARED-ROOT', 'PUBLIC-ROOT'] }
    expect(systemAndBundledRoots((source) => stores[source])).toEqual({
      roots: ['CORP-ROOT', 'SHARED-ROOT', 'PUBLIC-ROOT'],
      includesSystem: true,
    })
  })

  it("falls back to Node's bundled roots where Node cannot read the system store", () => {
    expect(systemAndBundledRoots(undefined)).toEqual({ roots: [...rootCertificates], includesSystem: false })
  })
})
