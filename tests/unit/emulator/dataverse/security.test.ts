import { describe, expect, it } from 'vitest'
import { generateOrgData } from '../../../../emulator/dataverse/data-generator'
import { DataverseFailure } from '../../../../emulator/dataverse/errors'
import { privilegeId } from '../../../../emulator/dataverse/roles'
import { SCHEMA } from '../../../../emulator/dataverse/schema'
import { SecurityModel } from '../../../../emulator/dataverse/security'
import { OrgStore } from '../../../../emulator/dataverse/store'
import { scenarioApp } from '../../../../emulator/scenarios'

const store = new OrgStore(
  SCHEMA,
  generateOrgData({ orgName: 'contoso', seed: 'security', accounts: 300, contacts: 1000, anchor: Date.now() }),
)
const security = new SecurityModel(store)
const table = (name: string) =>
  store.index.table(name) ??
  (() => {
    throw new Error(name)
  })()

function failure(run: () => unknown): DataverseFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof DataverseFailure) return error
    throw error
  }
  throw new Error('expected a Dataverse failure')
}

describe('security model', () => {
  it('maps the token appid to the application user, or answers 0x80072560 / 0x80040225', () => {
    const healthy = security.callerForApp(scenarioApp('healthy').clientId)
    expect(healthy.userId).toBe(scenarioApp('healthy').appUser?.systemUserId)
    expect(healthy.roles.map((r) => r.name)).toEqual(['System Administrator'])
    expect(failure(() => security.callerForApp(scenarioApp('no-app-user').clientId))).toMatchObject({
      status: 403,
      code: '0x80072560',
      message: 'The user is not a member of the organization.',
    })
    expect(failure(() => security.callerForApp(scenarioApp('app-user-disabled').clientId))).toMatchObject({
      status: 403,
      code: '0x80040225',
      message: 'The specified user is either disabled or is not a member of any business unit.',
    })
  })

  it('answers 0x80042F09 for a user without roles, naming the user', () => {
    const caller = security.callerForApp(scenarioApp('no-roles').clientId)
    const error = failure(() => security.require(caller, table('account'), 'Read'))
    expect(error).toMatchObject({ status: 403, code: '0x80042f09' })
    expect(error.message).toBe(
      `SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user. Returned hr = -2147209463, User: ${caller.userId}`,
    )
  })

  it('answers 0x80040220 with the real prvRead<Table> message when a role lacks the privilege', () => {
    const caller = security.callerForApp(scenarioApp('missing-privilege').clientId)
    expect(security.require(caller, table('account'), 'Read')).toBe('Global')
    const error = failure(() => security.require(caller, table('contact'), 'Read'))
    expect(error.status).toBe(403)
    expect(error.code).toBe('0x80040220')
    expect(error.message).toMatch(
      new RegExp(
        `^Principal user \\(Id=${caller.userId}, type=8, roleCount=1, privilegeCount=\\d+, accessMode=4\\), is missing prvReadContact privilege \\(Id=${privilegeId('prvReadContact')}\\) on OTC=2 for entity 'contact'\\. context\\.Caller=${caller.userId}$`,
      ),
    )
    expect(failure(() => security.require(caller, table('account'), 'Write')).message).toContain('prvWriteAccount')
  })

  it('counts roles held through an owner team at Basic depth, limited to rows the user or team owns', () => {
    const caller = security.callerForApp(scenarioApp('missing-privilege').clientId)
    const projects = table('cr4f5_project')
    expect(security.require(caller, projects, 'Read')).toBe('Basic')
    const visible = security.rowFilter(caller, projects, 'Basic')
    const rows = store.table('cr4f5_project').rows
    const seen = rows.filter((row) => visible?.(row))
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.length).toBeLessThan(rows.length)
    expect(seen.every((row) => caller.teamIds.includes(row._ownerid_value as string))).toBe(true)
  })

  it('limits Local depth to the business unit and Deep to its subtree', () => {
    const users = store.table('systemuser').rows
    const salesUnit = store.table('businessunit').rows.find((bu) => bu.name === 'Sales')
    const person = users.find(
      (u) => u._businessunitid_value === salesUnit?.businessunitid && u.applicationid === null && u.firstname !== null,
    )
    if (!person) throw new Error('no person in Sales')
    const caller = security.callerForUser(person.systemuserid as string)
    const accounts = table('account')
    const rows = store.table('account').rows
    const local = rows.filter((r) => security.rowFilter(caller, accounts, 'Local')?.(r))
    const deep = rows.filter((r) => security.rowFilter(caller, accounts, 'Deep')?.(r))
    expect(local.every((r) => r._owningbusinessunit_value === salesUnit?.businessunitid)).toBe(true)
    const emea = store.table('businessunit').rows.find((bu) => bu.name === 'Sales EMEA')?.businessunitid
    expect(deep.length).toBeGreaterThan(local.length)
    expect(
      deep.every(
        (r) => r._owningbusinessunit_value === salesUnit?.businessunitid || r._owningbusinessunit_value === emea,
      ),
    ).toBe(true)
    expect(security.rowFilter(caller, accounts, 'Global')).toBeNull()
  })

  it('reports what the roles grant in RetrieveUserPrivileges, team privileges at Basic', () => {
    const caller = security.callerForApp(scenarioApp('missing-privilege').clientId)
    const privileges = security.privileges(caller)
    const byName = new Map(privileges.map((p) => [p.PrivilegeName, p]))
    expect(byName.get('prvReadAccount')).toEqual({
      Depth: 'Global',
      PrivilegeId: privilegeId('prvReadAccount'),
      BusinessUnitId: caller.businessUnitId,
      PrivilegeName: 'prvReadAccount',
    })
    expect(byName.get('prvReadcr4f5_Project')?.Depth).toBe('Basic')
    expect(byName.has('prvReadContact')).toBe(false)
    const admin = security.privileges(security.callerForApp(scenarioApp('healthy').clientId))
    expect(admin.find((p) => p.PrivilegeName === 'prvDeleteContact')?.Depth).toBe('Global')
  })

  it('lets only System Administrator and System Customizer through in administration mode', () => {
    expect(() => security.requireAdminModeAccess(security.callerForApp(scenarioApp('healthy').clientId))).not.toThrow()
    const error = failure(() =>
      security.requireAdminModeAccess(security.callerForApp(scenarioApp('missing-privilege').clientId)),
    )
    expect(error.message).toBe(
      'User does not have required privileges (or role membership) to access the org when it is in Admin Only mode.',
    )
  })
})
