import { describe, expect, it } from 'vitest'
import { explain } from '../../../../main/diagnostics/explain'

describe('explain: federated credential wordings', () => {
  it.each([
    [
      '700211',
      "AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://token.actions.githubusercontent.com/'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    ],
    [
      '700212',
      "AADSTS700212: No matching federated identity record found for presented assertion audience 'api://AzureADTokenExchangeTypo'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    ],
    [
      '700213',
      "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/app:pull_request'.",
    ],
    [
      '7002138',
      "AADSTS7002138: No matching federated identity record found for presented assertion subject 'repo:Contoso/app:environment:prod'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.",
    ],
  ])('AADSTS%s names the federated credential mismatch first, linking its lookup page', (code, text) => {
    const top = explain(text, { cloud: 'commercial' }).diagnoses[0]
    expect(top?.id).toBe('federated-credential-mismatch')
    expect(top?.docsUrl).toBe(`https://login.microsoftonline.com/error?code=${code}`)
  })
})
