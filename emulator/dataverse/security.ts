/**
 * The security model: who the caller is (the application user mapped from the token's `appid`),
 * which roles they hold directly and through owner teams, what those roles grant per table, and
 * which rows a granted depth lets them see. Every query and write goes through it.
 */
import { guidFor } from '../random'
import { CODES, fail } from './errors'
import type { Row } from './data-generator'
import {
  ACCESS_RIGHTS,
  depthRank,
  grantedDepth,
  privilegeId,
  privilegeName,
  ROLES,
  type AccessRight,
  type Depth,
  type RoleDef,
} from './roles'
import type { TableDef } from './schema'
import type { OrgStore } from './store'

export interface Caller {
  readonly userId: string
  readonly user: Row
  readonly businessUnitId: string
  /** Roles assigned to the user directly. */
  readonly roles: readonly RoleDef[]
  readonly teamIds: readonly string[]
  /** Roles the user holds through owner teams. */
  readonly teamRoles: readonly RoleDef[]
}

export interface RolePrivilege {
  readonly Depth: Depth
  readonly PrivilegeId: string
  readonly BusinessUnitId: string
  readonly PrivilegeName: string
}

const ADMIN_MODE_ROLES = new Set(['System Administrator', 'System Customizer'])

export class SecurityModel {
  constructor(private readonly store: OrgStore) {}

  private rolesById(ids: readonly string[]): RoleDef[] {
    const roleTable = this.store.table('role')
    return ids.flatMap((id): RoleDef[] => {
      const known = ROLES.find((role) => role.roleId === id)
      if (known) return [known]
      // A role made through the Web API exists but grants nothing until privileges are added.
      const row = roleTable.get(id)
      return row ? [{ name: row.name as RoleDef['name'], roleId: id, grants: {} }] : []
    })
  }

  /** The application user for a token's `appid`; throws the errors Dataverse answers before any routing. */
  callerForApp(appId: string): Caller {
    const users = this.store.table('systemuser')
    const wanted = appId.toLowerCase()
    const user = users.rows.find((row) => row.applicationid === wanted)
    if (!user) fail(403, CODES.notMember, 'The user is not a member of the organization.')
    const row = user as Row
    if (row.isdisabled === true || typeof row._businessunitid_value !== 'string') {
      fail(403, CODES.userDisabled, 'The specified user is either disabled or is not a member of any business unit.')
    }
    return this.principal(row)
  }

  /**
   * `CallerObjectId` (the user's Entra object id) or `MSCRMCallerID` (their systemuserid): the request
   * runs as that user, which needs prvActOnBehalfOfAnotherUser (held by System Administrator here).
   */
  impersonate(caller: Caller, headers: Headers): Caller {
    const objectId = headers.get('callerobjectid')?.trim().toLowerCase()
    const userId = headers.get('mscrmcallerid')?.trim().toLowerCase()
    if (!objectId && !userId) return caller
    if (!caller.roles.some((role) => role.name === 'System Administrator')) {
      fail(
        403,
        CODES.missingPrivilege,
        `Principal user (Id=${caller.userId}, type=8) is missing prvActOnBehalfOfAnotherUser privilege (Id=${guidFor('privilege:prvactonbehalfofanotheruser')}).`,
      )
    }
    const users = this.store.table('systemuser')
    const target = objectId
      ? (users.rows.find((row) => row.azureactivedirectoryobjectid === objectId) ??
        fail(404, CODES.recordNotFound, `systemuser With azureactivedirectoryobjectid = ${objectId} Does Not Exist`))
      : (users.get(userId as string) ??
        fail(404, CODES.recordNotFound, `systemuser With Id = ${userId as string} Does Not Exist`))
    if (target.isdisabled === true)
      fail(403, CODES.userDisabled, 'The specified user is either disabled or is not a member of any business unit.')
    return this.principal(target)
  }

  /** The roles and teams of any user (RetrieveUserPrivileges about someone else). */
  callerForUser(userId: string): Caller {
    const row = this.store.table('systemuser').get(userId)
    if (!row) return fail(404, CODES.recordNotFound, `Entity 'systemuser' With Id = ${userId} Does Not Exist`)
    return this.principal(row)
  }

  /**
   * A team as a security principal (RetrievePrincipalAccess on `teams(id)`): the roles assigned to
   * the team at their own depths, Basic reaching the rows the team owns, in the team's business unit.
   */
  callerForTeam(teamId: string): Caller {
    const row = this.store.table('team').get(teamId)
    if (!row) return fail(404, CODES.recordNotFound, `Entity 'team' With Id = ${teamId} Does Not Exist`)
    return {
      userId: teamId,
      user: row,
      businessUnitId: (row._businessunitid_value as string | null) ?? this.store.rootBusinessUnitId,
      roles: this.rolesById(this.store.association('teamroles_association').related('team', teamId)),
      teamIds: [],
      teamRoles: [],
    }
  }

  private principal(row: Row): Caller {
    const userId = row.systemuserid as string
    const teamIds = this.store.association('teammembership_association').related('systemuser', userId)
    const teamRoleIds = teamIds.flatMap((teamId) =>
      this.store.association('teamroles_association').related('team', teamId),
    )
    return {
      userId,
      user: row,
      businessUnitId: (row._businessunitid_value as string | null) ?? this.store.rootBusinessUnitId,
      roles: this.rolesById(this.store.association('systemuserroles_association').related('systemuser', userId)),
      teamIds,
      teamRoles: this.rolesById([...new Set(teamRoleIds)]),
    }
  }

  /** Administration mode lets only System Administrator and System Customizer through. */
  requireAdminModeAccess(caller: Caller): void {
    if (!caller.roles.some((role) => ADMIN_MODE_ROLES.has(role.name))) {
      fail(
        403,
        CODES.adminMode,
        'User does not have required privileges (or role membership) to access the org when it is in Admin Only mode.',
      )
    }
  }

  /** The deepest depth any of the caller's roles grants; team roles count at Basic. */
  depth(caller: Caller, table: TableDef, right: AccessRight): Depth | null {
    let best: Depth | null = null
    for (const role of caller.roles) {
      const depth = grantedDepth(role, table, right)
      if (depth && (!best || depthRank(depth) > depthRank(best))) best = depth
    }
    if (!best && caller.teamRoles.some((role) => grantedDepth(role, table, right))) best = 'Basic'
    return best
  }

  /** The depth granted, or the exact fault Dataverse answers (no roles / missing prv<Right><Table>). */
  require(caller: Caller, table: TableDef, right: AccessRight): Depth {
    if (caller.roles.length === 0) {
      fail(
        403,
        CODES.noRoles,
        `SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user. Returned hr = -2147209463, User: ${caller.userId}`,
      )
    }
    const depth = this.depth(caller, table, right)
    if (depth) return depth
    return this.missing(caller, table, right)
  }

  missing(caller: Caller, table: TableDef, right: AccessRight): never {
    const name = privilegeName(table, right)
    return fail(
      403,
      CODES.missingPrivilege,
      `Principal user (Id=${caller.userId}, type=8, roleCount=${caller.roles.length}, privilegeCount=${this.privileges(caller).length}, accessMode=${String(caller.user.accessmode ?? 0)}), ` +
        `is missing ${name} privilege (Id=${privilegeId(name)}) on OTC=${table.objectTypeCode} for entity '${table.logicalName}'. context.Caller=${caller.userId}`,
    )
  }

  /** Which rows of a user-owned table a depth reaches; null means all of them. */
  rowFilter(caller: Caller, table: TableDef, depth: Depth): ((row: Row) => boolean) | null {
    if (table.ownership !== 'UserOwned' || depth === 'Global') return null
    if (depth === 'Basic') {
      const owners = new Set([caller.userId, ...caller.teamIds])
      return (row) => owners.has(row._ownerid_value as string)
    }
    if (depth === 'Local') return (row) => row._owningbusinessunit_value === caller.businessUnitId
    const units = this.businessUnitSubtree(caller.businessUnitId)
    return (row) => units.has(row._owningbusinessunit_value as string)
  }

  canSee(caller: Caller, table: TableDef, depth: Depth, row: Row): boolean {
    const filter = this.rowFilter(caller, table, depth)
    return !filter || filter(row)
  }

  private businessUnitSubtree(rootId: string): Set<string> {
    const units = this.store.table('businessunit').rows
    const found = new Set([rootId])
    let grew = true
    while (grew) {
      grew = false
      for (const unit of units) {
        const id = unit.businessunitid as string
        if (!found.has(id) && found.has(unit._parentbusinessunitid_value as string)) {
          found.add(id)
          grew = true
        }
      }
    }
    return found
  }

  /** What RetrieveUserPrivileges returns: one entry per privilege at its deepest granted depth. */
  privileges(caller: Caller): RolePrivilege[] {
    const out: RolePrivilege[] = []
    for (const table of this.store.index.schema.tables) {
      for (const right of ACCESS_RIGHTS) {
        const depth = this.depth(caller, table, right)
        if (!depth) continue
        const name = privilegeName(table, right)
        out.push({
          Depth: depth,
          PrivilegeId: privilegeId(name),
          BusinessUnitId: caller.businessUnitId,
          PrivilegeName: name,
        })
      }
    }
    return out
  }
}
