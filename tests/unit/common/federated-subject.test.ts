import { describe, expect, it } from 'vitest'
import { compareSubjects, issuerNotes, parseSubject } from '@common/federated-subject'

describe('federated subject formats', () => {
  it.each([
    [
      'repo:contoso/dataverse-app:environment:Production',
      'github-environment',
      'repo:OWNER/REPO:environment:NAME',
      { owner: 'contoso', repository: 'dataverse-app', environment: 'Production' },
    ],
    [
      'repo:contoso/dataverse-app:ref:refs/heads/release/2026.12',
      'github-branch',
      'repo:OWNER/REPO:ref:refs/heads/BRANCH',
      { owner: 'contoso', repository: 'dataverse-app', branch: 'release/2026.12' },
    ],
    [
      'repo:contoso/dataverse-app:ref:refs/tags/v1.2.0',
      'github-tag',
      'repo:OWNER/REPO:ref:refs/tags/TAG',
      { owner: 'contoso', repository: 'dataverse-app', tag: 'v1.2.0' },
    ],
    [
      'repo:contoso/dataverse-app:pull_request',
      'github-pull-request',
      'repo:OWNER/REPO:pull_request',
      { owner: 'contoso', repository: 'dataverse-app' },
    ],
    [
      'sc://contoso/Dataverse Project/dataverse-prod',
      'azure-devops',
      'sc://ORG/PROJECT/SERVICE-CONNECTION',
      { organization: 'contoso', project: 'Dataverse Project', 'service connection': 'dataverse-prod' },
    ],
  ])('parses %s', (subject, kind, format, parts) => {
    const parsed = parseSubject(subject)
    expect(parsed.kind).toBe(kind)
    expect(parsed.format).toBe(format)
    expect(Object.fromEntries(parsed.parts.map((part) => [part.name, part.value]))).toEqual(parts)
  })

  it('recognises a customised GitHub subject claim and anything else as another issuer', () => {
    expect(parseSubject('repository_owner_id:6154722:repository_id:1157352866:pull_request').kind).toBe('github-custom')
    expect(parseSubject('system:serviceaccount:default:workload-identity-sa')).toMatchObject({
      kind: 'other',
      parts: [],
    })
    // A repo: subject with an unknown tail is not forced into a known template.
    expect(parseSubject('repo:contoso/app:workflow:deploy').kind).toBe('github-custom')
  })

  it('compares part by part: letter case alone is AADSTS7002138, with markers under the differences', () => {
    const comparison = compareSubjects(
      'repo:Contoso/dataverse-app:environment:production',
      'repo:contoso/dataverse-app:environment:Production',
    )
    expect(comparison).toMatchObject({ equal: false, caseOnly: true })
    expect(comparison.parts.filter((part) => part.status !== 'same')).toEqual([
      { name: 'owner', presented: 'Contoso', expected: 'contoso', status: 'case' },
      { name: 'environment', presented: 'production', expected: 'Production', status: 'case' },
    ])
    expect(comparison.lines[2]).toBe(`           ${' '.repeat(5)}^${' '.repeat(33)}^`)
  })

  it('names a different kind of subject: a branch run against an environment credential', () => {
    const comparison = compareSubjects(
      'repo:contoso/app:ref:refs/heads/main',
      'repo:contoso/app:environment:Production',
    )
    expect(comparison).toMatchObject({ equal: false, caseOnly: false, parts: [] })
    expect(comparison.lines).toContain(
      'The token is a GitHub Actions branch subject; the credential expects a GitHub Actions environment subject (repo:OWNER/REPO:environment:NAME).',
    )
  })

  it('reports a different value, and equality', () => {
    const comparison = compareSubjects('sc://contoso/Dataverse/dv-test', 'sc://contoso/Dataverse/dv-prod')
    expect(comparison.lines).toContain('service connection: "dv-test" vs "dv-prod"')
    expect(compareSubjects('sc://a/b/c', 'sc://a/b/c')).toMatchObject({ equal: true, caseOnly: false })
  })

  it('notes issuers Entra would not match: a trailing slash, an Azure DevOps issuer without the org id', () => {
    expect(issuerNotes('https://token.actions.githubusercontent.com/')).toEqual([
      "GitHub's issuer is exactly https://token.actions.githubusercontent.com, without a trailing slash.",
    ])
    expect(issuerNotes('https://vstoken.dev.azure.com/contoso')[0]).toContain('organization id (a GUID)')
    expect(issuerNotes('https://vstoken.dev.azure.com/6f0c42b9-4d4e-4a8c-9b0f-2c1e5d7a3b18')).toEqual([])
    expect(issuerNotes('https://token.actions.githubusercontent.com')).toEqual([])
  })
})
