/**
 * `whoami` and `app-user`: Dataverse maps the token's appid to an application user (WhoAmI fails
 * when there is none or it is disabled), then that systemuser is read: application id, disabled,
 * access mode, business unit.
 */
import type { Fact } from '@common/diagnostics'
import { AppFailure } from '@common/result'
import { diagnose } from '../../catalog'
import type { StepOutcome } from '../../pipeline'
import type { CheckKit, CheckStep } from '../context'
import { evidenceOf, explainFailure, failedStep, redactExcerpt } from '../failure'

const FORMATTED = '@OData.Community.Display.V1.FormattedValue'
const ACCESS_MODES: Readonly<Record<number, string>> = {
  0: 'Read-Write',
  1: 'Administrative',
  2: 'Read',
  3: 'Support User',
  4: 'Non-interactive',
  5: 'Delegated Admin',
}
/** 0x80042F09 "no roles are assigned to user": the roles step owns that finding. */
const NO_ROLES = '0x80042f09'
/** 0x80040220 "is missing prv… privilege". */
const MISSING_PRIVILEGE = '0x80040220'

export function dataverseCode(error: unknown): string | null {
  if (!(error instanceof AppFailure)) return null
  return error.details?.code?.toLowerCase() ?? null
}

export function whoAmIStep(kit: CheckKit): CheckStep {
  return {
    id: 'whoami',
    async run({ signal }): Promise<StepOutcome> {
      const { state } = kit
      const entries = () => kit.timeline('whoami').entries()
      try {
        const response = await kit
          .client('whoami')
          .request<{ UserId?: string; BusinessUnitId?: string; OrganizationId?: string }>({ path: 'WhoAmI', signal })
        const body = typeof response.body === 'object' && response.body ? response.body : {}
        if (!body.UserId) {
          return {
            status: 'fail',
            summary: 'WhoAmI answered without a UserId.',
            diagnoses: [],
            evidence: evidenceOf(entries(), undefined, JSON.stringify(response.body)),
          }
        }
        state.userId = body.UserId
        state.whoAmIHeaders = response.headers
        return {
          status: 'pass',
          summary: `Dataverse knows this app as application user ${body.UserId}.`,
          facts: [
            { label: 'User ID', value: body.UserId, sensitive: true },
            ...(body.BusinessUnitId
              ? [{ label: 'Business unit ID', value: body.BusinessUnitId, sensitive: true }]
              : []),
            ...(body.OrganizationId ? [{ label: 'Organization ID', value: body.OrganizationId, sensitive: true }] : []),
          ],
          evidence: evidenceOf(entries(), undefined, redactExcerpt(JSON.stringify(body))),
        }
      } catch (error) {
        const report = explainFailure(error, state.cloud)
        return failedStep(report, entries())
      }
    },
  }
}

interface SystemUser {
  readonly fullname?: string
  readonly applicationid?: string | null
  readonly azureactivedirectoryobjectid?: string | null
  readonly accessmode?: number
  readonly isdisabled?: boolean
  readonly _businessunitid_value?: string
  readonly [annotation: string]: unknown
}

export function appUserStep(kit: CheckKit): CheckStep {
  return {
    id: 'app-user',
    async run({ signal }): Promise<StepOutcome> {
      const { state, input } = kit
      const entries = () => kit.timeline('app-user').entries()
      const cloud = state.cloud
      let user: SystemUser
      try {
        const response = await kit.client('app-user').request<SystemUser>({
          path: `systemusers(${state.userId})?$select=fullname,applicationid,azureactivedirectoryobjectid,accessmode,isdisabled,_businessunitid_value`,
          headers: { prefer: `odata.include-annotations="OData.Community.Display.V1.FormattedValue"` },
          signal,
        })
        user = typeof response.body === 'object' && response.body ? response.body : {}
      } catch (error) {
        const code = dataverseCode(error)
        const report = explainFailure(error, cloud)
        if (code === NO_ROLES || code === MISSING_PRIVILEGE) {
          return {
            status: 'warn',
            summary:
              code === NO_ROLES
                ? `WhoAmI found the application user (${state.userId}), but its record cannot be read because it has no security role. The roles step says what to do.`
                : `WhoAmI found the application user (${state.userId}), but its roles do not let it read its own record (prvReadUser), so its details are not shown.`,
            facts: [{ label: 'User ID', value: state.userId ?? '', sensitive: true }],
            evidence: evidenceOf(entries(), report),
          }
        }
        return failedStep(report, entries())
      }
      const accessMode = typeof user.accessmode === 'number' ? user.accessmode : undefined
      const businessUnit =
        (user[`_businessunitid_value${FORMATTED}`] as string | undefined) ?? user._businessunitid_value
      const facts: Fact[] = [
        ...(user.fullname ? [{ label: 'Name', value: user.fullname }] : []),
        { label: 'Application ID', value: user.applicationid ?? '(none)', sensitive: true },
        ...(user.azureactivedirectoryobjectid
          ? [{ label: 'Entra object ID', value: user.azureactivedirectoryobjectid, sensitive: true }]
          : []),
        {
          label: 'Access mode',
          value: accessMode !== undefined ? `${ACCESS_MODES[accessMode] ?? 'unknown'} (${accessMode})` : 'unknown',
        },
        { label: 'Disabled', value: user.isdisabled ? 'yes' : 'no' },
        ...(businessUnit ? [{ label: 'Business unit', value: businessUnit }] : []),
      ]
      const evidence = evidenceOf(entries(), undefined, redactExcerpt(JSON.stringify(user)))
      if (user.isdisabled) {
        return {
          status: 'fail',
          summary: 'The application user is disabled.',
          facts,
          diagnoses: [diagnose('app-user-disabled', { confidence: 'high', cloud, matched: 'isdisabled = true' })],
          evidence,
        }
      }
      if (user.applicationid && user.applicationid.toLowerCase() !== input.clientId.trim().toLowerCase()) {
        return {
          status: 'fail',
          summary: `The user behind WhoAmI belongs to app ${user.applicationid}, not to ${input.clientId}.`,
          facts,
          diagnoses: [
            diagnose('client-id-mismatch', {
              confidence: 'high',
              cloud,
              matched: `applicationid ${user.applicationid}`,
            }),
          ],
          evidence,
        }
      }
      if (accessMode !== 4) {
        return {
          status: 'warn',
          summary: `The user is not a non-interactive application user (access mode ${accessMode ?? 'unknown'}).`,
          facts,
          evidence,
        }
      }
      return {
        status: 'pass',
        summary: `${user.fullname ?? 'The application user'} is an enabled, non-interactive application user${businessUnit ? ` in business unit ${businessUnit}` : ''}.`,
        facts,
        evidence,
      }
    },
  }
}
