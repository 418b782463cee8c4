/**
 * The subjects pipelines present to Entra ID with a federated credential, and how a presented
 * subject differs from the one the app's federated credential expects. Entra compares issuer,
 * subject and audience exactly and case-sensitively, so a difference in letter case alone fails
 * (AADSTS7002138).
 *
 * GitHub Actions (default subject claim): `repo:OWNER/REPO:environment:NAME`,
 * `repo:OWNER/REPO:ref:refs/heads/BRANCH`, `repo:OWNER/REPO:ref:refs/tags/TAG`,
 * `repo:OWNER/REPO:pull_request`; a repository with a customised claim may present other keys
 * (`repository_owner_id:…:repository_id:…:…`). Azure DevOps service connections:
 * `sc://ORG/PROJECT/SERVICE-CONNECTION` with issuer `https://vstoken.dev.azure.com/<org-id>`.
 */

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
const AZURE_DEVOPS_ISSUER_PREFIX = 'https://vstoken.dev.azure.com/'
/** The audience Entra expects in the external token, per cloud. */
export const TOKEN_EXCHANGE_AUDIENCES = [
  'api://AzureADTokenExchange',
  'api://AzureADTokenExchangeUSGov',
  'api://AzureADTokenExchangeChina',
] as const

export type SubjectKind =
  | 'github-environment'
  | 'github-branch'
  | 'github-tag'
  | 'github-pull-request'
  | 'github-custom'
  | 'azure-devops'
  | 'other'

interface SubjectPart {
  /** What the part means: owner, repository, environment, branch, organization… */
  readonly name: string
  readonly value: string
}

export interface ParsedSubject {
  readonly kind: SubjectKind
  /** In words: "GitHub Actions environment". */
  readonly label: string
  /** The documented template, e.g. `repo:OWNER/REPO:environment:NAME`. */
  readonly format: string
  readonly parts: readonly SubjectPart[]
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The templates a user may need, in the order the editor lists them. */
export const SUBJECT_FORMATS: readonly {
  readonly kind: SubjectKind
  readonly label: string
  readonly format: string
}[] = [
  { kind: 'github-environment', label: 'GitHub Actions environment', format: 'repo:OWNER/REPO:environment:NAME' },
  { kind: 'github-branch', label: 'GitHub Actions branch', format: 'repo:OWNER/REPO:ref:refs/heads/BRANCH' },
  { kind: 'github-tag', label: 'GitHub Actions tag', format: 'repo:OWNER/REPO:ref:refs/tags/TAG' },
  { kind: 'github-pull-request', label: 'GitHub Actions pull request', format: 'repo:OWNER/REPO:pull_request' },
  {
    kind: 'azure-devops',
    label: 'Azure DevOps service connection',
    format: 'sc://ORG/PROJECT/SERVICE-CONNECTION',
  },
]

const formatOf = (kind: SubjectKind) => SUBJECT_FORMATS.find((entry) => entry.kind === kind)

function known(kind: SubjectKind, parts: SubjectPart[]): ParsedSubject {
  const entry = formatOf(kind)
  return { kind, label: entry?.label ?? kind, format: entry?.format ?? '', parts }
}

export function parseSubject(subject: string): ParsedSubject {
  const repo = /^repo:([^/:]+)\/([^:]+):(.+)$/.exec(subject)
  if (repo) {
    const [, owner = '', repository = '', rest = ''] = repo
    const base = [
      { name: 'owner', value: owner },
      { name: 'repository', value: repository },
    ]
    const environment = /^environment:(.+)$/.exec(rest)
    if (environment) return known('github-environment', [...base, { name: 'environment', value: environment[1] ?? '' }])
    const branch = /^ref:refs\/heads\/(.+)$/.exec(rest)
    if (branch) return known('github-branch', [...base, { name: 'branch', value: branch[1] ?? '' }])
    const tag = /^ref:refs\/tags\/(.+)$/.exec(rest)
    if (tag) return known('github-tag', [...base, { name: 'tag', value: tag[1] ?? '' }])
    if (rest === 'pull_request') return known('github-pull-request', base)
  }
  if (/^(repo|repository_owner_id|repository_id|repository_owner|job_workflow_ref|context):/.test(subject)) {
    return {
      kind: 'github-custom',
      label: 'GitHub Actions, customised subject claim',
      format: 'the keys the repository chose (gh api repos/OWNER/REPO/actions/oidc/customization/sub)',
      parts: [],
    }
  }
  const sc = /^sc:\/\/([^/]+)\/([^/]+)\/(.+)$/.exec(subject)
  if (sc) {
    return known('azure-devops', [
      { name: 'organization', value: sc[1] ?? '' },
      { name: 'project', value: sc[2] ?? '' },
      { name: 'service connection', value: sc[3] ?? '' },
    ])
  }
  return { kind: 'other', label: 'another issuer', format: '', parts: [] }
}

/** Issuer problems Entra would not explain: a trailing slash, an Azure DevOps issuer without the organization id. */
export function issuerNotes(issuer: string): string[] {
  const notes: string[] = []
  if (issuer.replace(/\/+$/, '') === GITHUB_ISSUER && issuer !== GITHUB_ISSUER)
    notes.push(`GitHub's issuer is exactly ${GITHUB_ISSUER}, without a trailing slash.`)
  if (issuer.toLowerCase().startsWith(AZURE_DEVOPS_ISSUER_PREFIX)) {
    const orgId = issuer.slice(AZURE_DEVOPS_ISSUER_PREFIX.length).replace(/\/+$/, '')
    if (!GUID.test(orgId))
      notes.push(`An Azure DevOps issuer is ${AZURE_DEVOPS_ISSUER_PREFIX}<organization id (a GUID)>, not "${orgId}".`)
  }
  return notes
}

type PartStatus = 'same' | 'case' | 'different'

export interface SubjectComparison {
  readonly equal: boolean
  /** Equal when letter case is ignored: Entra answers AADSTS7002138. */
  readonly caseOnly: boolean
  /** Part by part where both subjects have the same shape (same template). */
  readonly parts: readonly {
    readonly name: string
    readonly presented: string
    readonly expected: string
    readonly status: PartStatus
  }[]
  /** Readable lines: both subjects, a marker line under the characters that differ, and each part that differs. */
  readonly lines: readonly string[]
}

function status(presented: string, expected: string): PartStatus {
  if (presented === expected) return 'same'
  return presented.toLowerCase() === expected.toLowerCase() ? 'case' : 'different'
}

/** `^` under every character that differs (case included), aligned under the presented subject. */
function markers(presented: string, expected: string): string {
  const length = Math.max(presented.length, expected.length)
  let line = ''
  for (let i = 0; i < length; i++) line += presented[i] === expected[i] ? ' ' : '^'
  return line.replace(/\s+$/, '')
}

/** How the presented subject differs from the subject the app's federated credential expects. */
export function compareSubjects(presented: string, expected: string): SubjectComparison {
  const equal = presented === expected
  const caseOnly = !equal && presented.toLowerCase() === expected.toLowerCase()
  const a = parseSubject(presented)
  const b = parseSubject(expected)
  const parts =
    a.kind === b.kind && a.parts.length === b.parts.length
      ? a.parts.map((part, index) => ({
          name: part.name,
          presented: part.value,
          expected: b.parts[index]?.value ?? '',
          status: status(part.value, b.parts[index]?.value ?? ''),
        }))
      : []
  const lines = [`presented: ${presented}`, `expected:  ${expected}`]
  if (!equal) lines.push(`           ${markers(presented, expected)}`)
  if (a.kind !== b.kind && b.kind !== 'other')
    lines.push(`The token is a ${a.label} subject; the credential expects a ${b.label} subject (${b.format}).`)
  for (const part of parts) {
    if (part.status === 'case')
      lines.push(`${part.name}: "${part.presented}" vs "${part.expected}" (only the letter case differs)`)
    if (part.status === 'different') lines.push(`${part.name}: "${part.presented}" vs "${part.expected}"`)
  }
  return { equal, caseOnly, parts, lines }
}
