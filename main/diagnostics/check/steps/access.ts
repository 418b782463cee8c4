/**
 * `roles` and `privileges`: what the application user may do. Roles are listed direct and through
 * owner teams; privileges are confirmed on the probe tables twice over — RetrieveUserPrivileges
 * says what the roles grant, and a `$top=1` read shows what Dataverse actually allows.
 */
import type { Diagnosis, Fact } from '@common/diagnostics'
import type { DataverseClient } from '../../../dataverse/client'
import { diagnose } from '../../catalog'
import type { StepOutcome } from '../../pipeline'
import { DEFAULT_PROBE_TABLES, type CheckKit, type CheckStep } from '../context'
import { evidenceOf, explainFailure, failedStep, type FailureReport } from '../failure'
import { dataverseCode } from './identity'

const NO_ROLES = '0x80042f09'
const MISSING_PRIVILEGE = '0x80040220'

interface Named {
  readonly name?: string
}
interface Collection<T> {
  readonly value?: readonly T[]
}

async function list<T>(client: DataverseClient, path: string, signal: AbortSignal): Promise<T[]> {
  const response = await client.request<Collection<T>>({ path, signal })
  const body = response.body
  return typeof body === 'object' && body && Array.isArray(body.value) ? [...body.value] : []
}

function names(items: readonly Named[]): string {
  return items.map((item) => item.name ?? '(unnamed)').join(', ')
}

export function rolesStep(kit: CheckKit): CheckStep {
  return {
    id: 'roles',
    async run({ signal }): Promise<StepOutcome> {
      const { state } = kit
      const cloud = state.cloud
      const entries = () => kit.timeline('roles').entries()
      const client = kit.client('roles')
      const user = `systemusers(${state.userId})`
      const [direct, teams] = await Promise.allSettled([
        list<Named>(client, `${user}/systemuserroles_association?$select=name,roleid`, signal),
        list<Named & { teamid?: string }>(client, `${user}/teammembership_association?$select=name,teamid`, signal),
      ])
      if (direct.status === 'rejected') {
        const report = explainFailure(direct.reason, cloud)
        if (dataverseCode(direct.reason) === MISSING_PRIVILEGE) {
          return {
            status: 'warn',
            summary:
              'The roles cannot be listed: the application user may not read security roles (prvReadRole). The privileges step tests access directly.',
            evidence: evidenceOf(entries(), report),
          }
        }
        return failedStep(report, entries())
      }
      const facts: Fact[] = [{ label: 'Direct roles', value: direct.value.length ? names(direct.value) : 'none' }]
      const teamRoles: string[] = []
      if (teams.status === 'fulfilled') {
        const perTeam = await Promise.allSettled(
          teams.value
            .filter((team) => team.teamid)
            .map(async (team) => ({
              team,
              roles: await list<Named>(
                client,
                `teams(${team.teamid})/teamroles_association?$select=name,roleid`,
                signal,
              ),
            })),
        )
        for (const result of perTeam) {
          if (result.status === 'fulfilled' && result.value.roles.length)
            teamRoles.push(
              `${names(result.value.roles)} (through team ${result.value.team.name ?? result.value.team.teamid})`,
            )
        }
        facts.push({ label: 'Teams', value: teams.value.length ? names(teams.value) : 'none' })
        facts.push({ label: 'Roles through teams', value: teamRoles.length ? teamRoles.join('; ') : 'none' })
      } else {
        facts.push({ label: 'Teams', value: 'could not be listed' })
      }
      const evidence = evidenceOf(
        entries(),
        undefined,
        `Direct roles: ${facts[0]?.value}\nRoles through teams: ${teamRoles.join('; ') || 'none'}`,
      )
      if (direct.value.length === 0) {
        return {
          status: 'fail',
          summary: teamRoles.length
            ? 'The application user has no security role of its own; roles held only through a team are not enough.'
            : 'The application user has no security role.',
          facts,
          diagnoses: [
            diagnose('no-security-roles', {
              confidence: 'high',
              cloud,
              matched: 'systemuserroles_association is empty',
            }),
          ],
          evidence,
        }
      }
      return {
        status: 'pass',
        summary: `Security roles: ${names(direct.value)}${teamRoles.length ? `; through teams: ${teamRoles.join('; ')}` : ''}.`,
        facts,
        evidence,
      }
    },
  }
}

interface TableMetadata {
  readonly LogicalName?: string
  readonly EntitySetName?: string
  readonly PrimaryIdAttribute?: string
}
interface UserPrivilege {
  readonly PrivilegeName?: string
  readonly Depth?: string
}

const DEPTH_WORDS: Readonly<Record<string, string>> = {
  Basic: 'User (own records only)',
  Local: 'Business unit',
  Deep: 'Parent: child business units',
  Global: 'Organization',
}

type TableOutcome =
  | { readonly table: string; readonly ok: true; readonly rows: number; readonly depth: string | null }
  | { readonly table: string; readonly ok: false; readonly report: FailureReport; readonly noRoles: boolean }
  | { readonly table: string; readonly ok: false; readonly unknown: true }

export function privilegesStep(kit: CheckKit): CheckStep {
  return {
    id: 'privileges',
    async run({ signal }): Promise<StepOutcome> {
      const { state, input } = kit
      const cloud = state.cloud
      const entries = () => kit.timeline('privileges').entries()
      const client = kit.client('privileges')
      const tables = [
        ...new Set(
          (input.probeTables?.length ? input.probeTables : DEFAULT_PROBE_TABLES).map((t) => t.trim().toLowerCase()),
        ),
      ]
      const granted = client
        .request<{ RolePrivileges?: UserPrivilege[] }>({
          path: `systemusers(${state.userId})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`,
          signal,
        })
        .then((response) =>
          typeof response.body === 'object' && response.body && Array.isArray(response.body.RolePrivileges)
            ? response.body.RolePrivileges
            : [],
        )
      // Known before the reads finish, but never allowed to fail the step: the reads are the proof.
      granted.catch(() => undefined)

      // One metadata request for every probe table, in parallel with RetrieveUserPrivileges.
      const filter = tables.map((table) => `LogicalName eq '${table.replace(/'/g, "''")}'`).join(' or ')
      const metadata = list<TableMetadata>(
        client,
        `EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryIdAttribute&$filter=${filter}`,
        signal,
      )

      const probe = async (table: string): Promise<TableOutcome> => {
        try {
          const found = (await metadata).find((entry) => entry.LogicalName?.toLowerCase() === table)
          if (!found?.EntitySetName) return { table, ok: false, unknown: true }
          const rows = await list<unknown>(
            client,
            `${found.EntitySetName}?$select=${found.PrimaryIdAttribute ?? `${table}id`}&$top=1`,
            signal,
          )
          const privileges = await granted.catch(() => null)
          const wanted = `prvread${table}`
          const depth = privileges?.find((p) => p.PrivilegeName?.toLowerCase() === wanted)?.Depth ?? null
          return { table, ok: true, rows: rows.length, depth }
        } catch (error) {
          return { table, ok: false, report: explainFailure(error, cloud), noRoles: dataverseCode(error) === NO_ROLES }
        }
      }
      const outcomes = await Promise.all(tables.map(probe))
      const grantedList = await granted.catch(() => null)

      if (outcomes.some((outcome) => !outcome.ok && 'noRoles' in outcome && outcome.noRoles)) {
        return {
          status: 'skip',
          summary: 'Skipped: the application user has no security role, so it can read no table (see the roles step).',
        }
      }
      const facts: Fact[] = []
      const diagnoses: Diagnosis[] = []
      const notes: string[] = []
      const unknown: string[] = []
      let basic = false
      for (const outcome of outcomes) {
        if (outcome.ok) {
          const depth = outcome.depth
            ? `prvRead at ${DEPTH_WORDS[outcome.depth] ?? outcome.depth}`
            : 'prvRead (depth not listed)'
          if (outcome.depth === 'Basic') basic = true
          facts.push({
            label: outcome.table,
            value: `${depth}; $top=1 read ${outcome.rows ? 'returned a row' : 'returned no rows (none visible)'}`,
          })
        } else if ('unknown' in outcome) {
          unknown.push(outcome.table)
          facts.push({ label: outcome.table, value: 'no table has this logical name in the environment' })
        } else {
          facts.push({ label: outcome.table, value: `cannot read: ${outcome.report.summary}` })
          notes.push(`${outcome.table}: ${outcome.report.excerpt}`)
          for (const diagnosis of outcome.report.diagnoses)
            if (!diagnoses.some((d) => d.title === diagnosis.title)) diagnoses.push(diagnosis)
        }
      }
      if (grantedList) facts.push({ label: 'Privileges granted in total', value: String(grantedList.length) })
      const failed = outcomes.filter((outcome) => !outcome.ok && !('unknown' in outcome))
      const evidence = evidenceOf(
        entries(),
        undefined,
        notes.join('\n') || outcomes.map((o) => `${o.table}: read ok`).join('\n'),
      )
      if (failed.length) {
        return {
          status: 'fail',
          summary: `Cannot read ${failed.map((f) => f.table).join(', ')}${diagnoses[0] ? ` — ${diagnoses[0].title}` : ''}.`,
          facts,
          diagnoses,
          evidence,
        }
      }
      if (unknown.length) {
        return {
          status: 'warn',
          summary: `No table is called ${unknown.join(', ')} here (probe tables are logical names, such as account); the others can be read.`,
          facts,
          evidence,
        }
      }
      if (basic) {
        return {
          status: 'warn',
          summary: 'Every probe table can be read, but some only at User depth: the app sees only the records it owns.',
          facts,
          evidence,
        }
      }
      return { status: 'pass', summary: `The application user can read ${tables.join(' and ')}.`, facts, evidence }
    },
  }
}
