import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  generateSnippet,
  SNIPPET_LANGUAGES,
  type SnippetLanguage,
  type SnippetRequest,
  type SnippetTarget,
} from '@common/query/snippets'

const goldenDir = resolve(import.meta.dirname, '../../../../fixtures/snippets')
const EXTENSIONS: Record<SnippetLanguage, string> = {
  curl: 'sh',
  powershell: 'ps1',
  csharp: 'cs',
  javascript: 'mjs',
  python: 'py',
}

const commercial: SnippetTarget = {
  orgUrl: 'https://contoso.crm.dynamics.com/',
  apiVersion: '9.2',
  authorityHost: 'https://login.microsoftonline.com',
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb',
  credential: 'secret',
}

const cases: Record<string, { target: SnippetTarget; request: SnippetRequest }> = {
  'secret-get': {
    target: commercial,
    request: {
      method: 'GET',
      path: "accounts?$select=name,revenue&$filter=name%20eq%20'O''Brien%20%26%20Sons'&$top=3",
      headers: {
        Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue",odata.maxpagesize=500',
      },
    },
  },
  'certificate-gcc-high': {
    target: {
      ...commercial,
      orgUrl: 'https://fabrikam.crm.microsoftdynamics.us',
      authorityHost: 'https://login.microsoftonline.us',
      credential: 'certificate',
    },
    request: { method: 'GET', path: 'WhoAmI', headers: {} },
  },
  'post-impersonated': {
    target: commercial,
    request: {
      method: 'post',
      path: 'accounts',
      headers: { CallerObjectId: '99999999-8888-7777-6666-555555555555', Prefer: 'return=representation' },
      body: '{"name":"It\'s \\"new\\""}',
    },
  },
}

const scratch = mkdtempSync(join(tmpdir(), 'dvw-snippets-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function hasTool(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0
}

describe('copy as code', () => {
  for (const [name, { target, request }] of Object.entries(cases)) {
    for (const language of SNIPPET_LANGUAGES) {
      it(`matches the golden ${language} snippet for ${name}`, () => {
        const snippet = generateSnippet(language, target, request)
        const golden = join(goldenDir, `${name}.${EXTENSIONS[language]}.txt`)
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, snippet)
        expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true)
        expect(snippet).toBe(readFileSync(golden, 'utf8'))
      })
    }
  }

  it('names the cloud-correct token endpoint, scope and query URL', () => {
    const { target, request } = cases['certificate-gcc-high']!
    for (const language of SNIPPET_LANGUAGES) {
      const snippet = generateSnippet(language, target, request)
      expect(snippet, language).toContain('https://login.microsoftonline.us/11111111-2222-3333-4444-555555555555')
      expect(snippet, language).toContain('https://fabrikam.crm.microsoftdynamics.us/.default')
      expect(snippet, language).toContain('https://fabrikam.crm.microsoftdynamics.us/api/data/v9.2/WhoAmI')
      expect(snippet, language).not.toContain('login.microsoftonline.com')
    }
  })

  it('reads the credential from an environment variable in every language', () => {
    for (const language of SNIPPET_LANGUAGES) {
      expect(generateSnippet(language, commercial, cases['secret-get']!.request), language).toMatch(
        /DATAVERSE_CLIENT_SECRET/,
      )
      expect(
        generateSnippet(language, { ...commercial, credential: 'certificate' }, cases['secret-get']!.request),
        language,
      ).toMatch(/DATAVERSE_CERT_(PEM|PFX)/)
    }
  })

  it('produces a bash script that bash accepts', () => {
    for (const [name, { target, request }] of Object.entries(cases)) {
      const file = join(scratch, `${name}.sh`)
      writeFileSync(file, generateSnippet('curl', target, request))
      expect(() => execFileSync('bash', ['-n', file]), name).not.toThrow()
    }
  })

  it('keeps single quotes in the query intact through bash quoting', () => {
    const snippet = generateSnippet('curl', commercial, cases['secret-get']!.request)
    const urlLine = snippet.trimEnd().split('\n').at(-1)!.trim()
    const echoed = execFileSync('bash', ['-c', `printf '%s' ${urlLine}`], { encoding: 'utf8' })
    expect(echoed).toBe(
      "https://contoso.crm.dynamics.com/api/data/v9.2/accounts?$select=name,revenue&$filter=name%20eq%20'O''Brien%20%26%20Sons'&$top=3",
    )
  })

  it('produces JavaScript that node parses', () => {
    for (const [name, { target, request }] of Object.entries(cases)) {
      const file = join(scratch, `${name}.mjs`)
      writeFileSync(file, generateSnippet('javascript', target, request))
      expect(() => execFileSync(process.execPath, ['--check', file]), name).not.toThrow()
    }
  })

  it.runIf(hasTool('python3', ['--version']))('produces Python that python3 compiles', () => {
    for (const [name, { target, request }] of Object.entries(cases)) {
      const file = join(scratch, `${name}.py`)
      writeFileSync(file, generateSnippet('python', target, request))
      expect(() => execFileSync('python3', ['-m', 'py_compile', file]), name).not.toThrow()
    }
  })
})
