/**
 * Security roles as data: which privilege (access right on a table) each role grants, at which
 * depth. The security model (security.ts) evaluates these against the app user's direct and team
 * roles; RetrieveUserPrivileges reports them.
 */
import { guidFor } from '../random'
import type { TableDef } from './schema'

export const ACCESS_RIGHTS = ['Create', 'Read', 'Write', 'Delete', 'Append', 'AppendTo', 'Assign', 'Share'] as const
export type AccessRight = (typeof ACCESS_RIGHTS)[number]

const DEPTHS = ['Basic', 'Local', 'Deep', 'Global'] as const
export type Depth = (typeof DEPTHS)[number]

export const ROLE_NAMES = [
  'System Administrator',
  'System Customizer',
  'Basic User',
  'Salesperson',
  'Workbench Reader',
  'Project Member',
] as const
export type RoleName = (typeof ROLE_NAMES)[number]

/** table logical name → access right → depth; '*' applies to every table. */
type Grants = Readonly<Record<string, Partial<Record<AccessRight, Depth>>>>

export interface RoleDef {
  readonly name: RoleName
  readonly roleId: string
  readonly grants: Grants
}

const all = (depth: Depth): Partial<Record<AccessRight, Depth>> =>
  Object.fromEntries(ACCESS_RIGHTS.map((right) => [right, depth])) as Partial<Record<AccessRight, Depth>>
const read = (depth: Depth): Partial<Record<AccessRight, Depth>> => ({ Read: depth })

export const ROLES: readonly RoleDef[] = [
  { name: 'System Administrator', roleId: guidFor('role:System Administrator'), grants: { '*': all('Global') } },
  {
    name: 'System Customizer',
    roleId: guidFor('role:System Customizer'),
    grants: { '*': read('Global'), organization: read('Global'), systemuser: read('Global'), role: read('Global') },
  },
  {
    name: 'Basic User',
    roleId: guidFor('role:Basic User'),
    grants: {
      account: { Read: 'Basic', Write: 'Basic', Create: 'Basic', Append: 'Basic', AppendTo: 'Basic' },
      contact: { Read: 'Basic', Write: 'Basic', Create: 'Basic', Append: 'Basic', AppendTo: 'Basic' },
      systemuser: read('Global'),
      businessunit: read('Global'),
      organization: read('Global'),
      team: read('Global'),
    },
  },
  {
    name: 'Salesperson',
    roleId: guidFor('role:Salesperson'),
    grants: {
      account: { Read: 'Local', Write: 'Basic', Create: 'Basic', Append: 'Local', AppendTo: 'Local' },
      contact: { Read: 'Local', Write: 'Basic', Create: 'Basic', Append: 'Local', AppendTo: 'Local' },
      systemuser: read('Global'),
      businessunit: read('Global'),
      organization: read('Global'),
    },
  },
  {
    // The missing-privilege scenario: reads almost everything, but not contacts.
    name: 'Workbench Reader',
    roleId: guidFor('role:Workbench Reader'),
    grants: {
      account: read('Global'),
      systemuser: read('Global'),
      team: read('Global'),
      businessunit: read('Global'),
      organization: read('Global'),
      role: read('Global'),
    },
  },
  {
    name: 'Project Member',
    roleId: guidFor('role:Project Member'),
    grants: {
      cr4f5_project: { Read: 'Basic', Write: 'Basic', Create: 'Basic', Append: 'Basic', AppendTo: 'Basic' },
      cr4f5_timeentry: { Read: 'Basic', Write: 'Basic', Create: 'Basic', Append: 'Basic' },
      cr4f5_expense: { Read: 'Basic', Write: 'Basic', Create: 'Basic', Append: 'Basic' },
    },
  },
]

export function roleByName(name: RoleName): RoleDef {
  const role = ROLES.find((candidate) => candidate.name === name)
  if (!role) throw new Error(`Unknown role ${name}`)
  return role
}

/** Organization-owned and business-owned tables only know Global depth and no Assign/Share. */
function rightsFor(table: TableDef): readonly AccessRight[] {
  return table.ownership === 'UserOwned' ? ACCESS_RIGHTS : ACCESS_RIGHTS.filter((r) => r !== 'Assign' && r !== 'Share')
}

export function grantedDepth(role: RoleDef, table: TableDef, right: AccessRight): Depth | null {
  if (!rightsFor(table).includes(right)) return null
  const depth = role.grants[table.logicalName]?.[right] ?? role.grants['*']?.[right]
  if (!depth) return null
  return table.ownership === 'UserOwned' ? depth : 'Global'
}

export const privilegeName = (table: TableDef, right: AccessRight): string => `prv${right}${table.privilegeName}`
export const privilegeId = (name: string): string => guidFor(`privilege:${name.toLowerCase()}`)

export const depthRank = (depth: Depth): number => DEPTHS.indexOf(depth)
