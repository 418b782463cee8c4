import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CheckResult } from '@common/diagnostics'
import { AppFailure } from '@common/result'
import { createCheckHistory, createHistoryStore } from '../../../../main/diagnostics/history'
import { createConfBackend } from '../../../../main/store/conf-backend'
import { failedCheck } from '../../../support/check-fixture'

function passingCheck(id: string, issuer = 'Microsoft Azure RSA TLS Issuing CA 03'): CheckResult {
  const check = failedCheck()
  return {
    ...check,
    checkId: id,
    outcome: 'pass',
    steps: check.steps.map((step) => ({
      ...step,
      status: 'pass',
      diagnoses: [],
      facts: step.id === 'tls' ? [{ label: 'Issuer', value: issuer }] : step.facts,
    })),
  }
}

let dir: string
const open = () => createHistoryStore(createConfBackend(dir, 'check-history'))
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvw-history-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('check history', () => {
  it('keeps the last 20 checks per connection in a real conf file, newest first', () => {
    const history = createCheckHistory(open())
    for (let i = 0; i < 25; i++) history.record('conn.1', passingCheck(`c${i}`))
    history.record('other', passingCheck('x'))
    const reopened = createCheckHistory(open())
    const list = reopened.list('conn.1')
    expect(list).toHaveLength(20)
    expect(list[0]?.checkId).toBe('c24')
    expect(list[19]?.checkId).toBe('c5')
    expect(reopened.list('other').map((e) => e.checkId)).toEqual(['x'])
  })

  it('says what changed since the last passing check: statuses and key facts', () => {
    const history = createCheckHistory(open())
    history.record('c', passingCheck('good-1', 'Old CA'))
    history.record('c', passingCheck('good-2'))
    history.record('c', { ...failedCheck(), checkId: 'bad' })
    const diff = history.changesSinceLastPass('c')
    expect(diff.baseline?.checkId).toBe('good-2')
    expect(diff.changes).toContainEqual({ kind: 'status', stepId: 'token', before: 'pass', after: 'fail' })
    expect(diff.changes).toContainEqual({ kind: 'status', stepId: 'whoami', before: 'pass', after: 'skip' })
    expect(diff.changes.filter((c) => c.kind === 'fact')).toEqual([])

    history.record('c', passingCheck('good-3', 'Contoso Proxy Root CA'))
    expect(history.changesSinceLastPass('c')).toEqual({
      baseline: { checkId: 'good-2', startedAt: '2026-11-26T09:00:00.000Z' },
      changes: [
        {
          kind: 'fact',
          stepId: 'tls',
          label: 'Issuer',
          before: 'Microsoft Azure RSA TLS Issuing CA 03',
          after: 'Contoso Proxy Root CA',
        },
      ],
    })
  })

  it('does not report facts that differ on every run (expiry, headroom) as changes', () => {
    const history = createCheckHistory(open())
    const withExpiry = (id: string, expires: string, issuer: string): CheckResult => {
      const check = passingCheck(id, issuer)
      return {
        ...check,
        steps: check.steps.map((step) =>
          step.id === 'token' ? { ...step, facts: [{ label: 'Expires', value: expires, volatile: true }] } : step,
        ),
      }
    }
    history.record('c', withExpiry('a', '2026-11-26T10:00:00Z', 'CA 1'))
    history.record('c', withExpiry('b', '2026-11-26T11:00:00Z', 'CA 2'))
    expect(history.changesSinceLastPass('c').changes).toEqual([
      { kind: 'fact', stepId: 'tls', label: 'Issuer', before: 'CA 1', after: 'CA 2' },
    ])
  })

  it('has nothing to compare before a check has passed', () => {
    const history = createCheckHistory(open())
    history.record('c', failedCheck())
    expect(history.changesSinceLastPass('c')).toEqual({ changes: [] })
  })

  it('refuses to overwrite a history it cannot read, leaves the file as it was and keeps a copy aside', async () => {
    createCheckHistory(open()).record('c', passingCheck('one'))
    const file = join(dir, 'check-history.json')
    const damaged = { schemaVersion: 1, checks: { c: [{ checkId: 1 }] } }
    await writeFile(file, JSON.stringify(damaged))
    const history = createCheckHistory(open())
    expect(() => history.record('c', passingCheck('two'))).toThrow(AppFailure)
    expect(() => history.list('c')).toThrow(/check history/)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(damaged)
    expect((await readdir(dir)).some((name) => name.startsWith('check-history.json.corrupt-'))).toBe(true)
  })

  it('forgets the history of a deleted connection only', () => {
    const history = createCheckHistory(open())
    history.record('gone', passingCheck('a'))
    history.record('kept', passingCheck('b'))
    history.forget('gone')
    expect(history.list('gone')).toEqual([])
    expect(history.list('kept').map((e) => e.checkId)).toEqual(['b'])
  })

  it('stores no secrets: only statuses, summaries, diagnosis ids and facts', async () => {
    createCheckHistory(open()).record('c', failedCheck())
    const stored = JSON.parse(await readFile(join(dir, 'check-history.json'), 'utf8')).checks.c[0]
    expect(Object.keys(stored.steps[0]).sort()).toEqual(['diagnosisIds', 'facts', 'id', 'status', 'summary'])
    expect(JSON.stringify(stored)).not.toContain('invalid_client')
  })
})
