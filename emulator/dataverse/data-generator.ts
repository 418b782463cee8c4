/**
 * Seeded, deterministic sample data for one organization. The same seed, org name and anchor
 * time give the same rows; ids, names and counts do not depend on the anchor at all (dates are
 * offsets before it, so "LastXDays" and "Today" queries find rows whenever the emulator runs).
 */
import { createRandom, guidFor, type Random } from '../random'
import { sequentialGuids } from './sequential-ids'
import { SCENARIO_APPS, TENANT_DOMAIN } from '../scenarios'
import { ROLES, roleByName, type RoleName } from './roles'
import {
  CITIES,
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  PROJECT_WORDS,
} from './names'
import { CUSTOMER_TYPE_OPTIONS, EXPENSE_CATEGORY_OPTIONS, INDUSTRY_OPTIONS, PROJECT_STATUS_OPTIONS } from './schema'

export type Value = string | number | boolean | null
/**
 * A row in its exact wire shape: `@odata.etag` first, then every column by wire name in table
 * definition order. Serving an unprojected page is then JSON.stringify of the stored rows.
 */
export type Row = Record<string, Value>

export const etag = (version: number): string => `W/"${version}"`

export interface OrgData {
  readonly organizationId: string
  readonly rootBusinessUnitId: string
  /** Rows per table logical name, in generation order. */
  readonly rows: ReadonlyMap<string, Row[]>
  /** Many-to-many intersect rows: relationship schema name → [table1 id, table2 id] pairs. */
  readonly associations: ReadonlyMap<string, [string, string][]>
  /** Next free row version. */
  readonly nextVersion: number
}

export interface GenerateOptions {
  readonly orgName: string
  readonly seed: string | number
  readonly accounts: number
  readonly contacts: number
  /** How account and contact ids lie in the key space (EmulatorOptions.keys). */
  readonly keys?: 'random' | 'sequential'
  /** Epoch ms every generated date is placed before. */
  readonly anchor: number
}

const DAY = 86_400_000

const PAD2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)))

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), by arithmetic: Date#toISOString is slow at this volume. */
function civilDate(days: number): string {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return `${year}-${PAD2[month] as string}-${PAD2[day] as string}`
}

/** Dataverse date-time on the wire: UTC, seconds precision. */
export const isoSeconds = (ms: number): string => {
  const days = Math.floor(ms / DAY)
  const seconds = Math.floor((ms - days * DAY) / 1000)
  return `${civilDate(days)}T${PAD2[Math.floor(seconds / 3600)] as string}:${PAD2[Math.floor(seconds / 60) % 60] as string}:${PAD2[seconds % 60] as string}Z`
}
export const isoDate = (ms: number): string => civilDate(Math.floor(ms / DAY))

const slugs = new Map<string, string>()
/** Lower-case letters and digits only, for emails and domains; cached because names repeat. */
const slug = (text: string): string => {
  let value = slugs.get(text)
  if (value === undefined) {
    value = text.toLowerCase().replace(/[^a-z0-9]+/g, '')
    if (slugs.size < 10_000) slugs.set(text, value)
  }
  return value
}

interface Principal {
  readonly id: string
  readonly kind: 'systemuser' | 'team'
  readonly businessUnitId: string
}

export function generateOrgData(options: GenerateOptions): OrgData {
  const random = createRandom(`${options.seed}:${options.orgName}`)
  const ids = (label: string): string => guidFor(`${options.seed}:${options.orgName}:${label}`)
  const primaryKeys = (table: string, count: number): ((index: number) => string) => {
    if (options.keys !== 'sequential') return (index) => random.orderedGuid(index, count)
    return sequentialGuids(createRandom(`${options.seed}:${options.orgName}:${table}-ids`))
  }
  const accountKey = primaryKeys('account', options.accounts)
  const contactKey = primaryKeys('contact', options.contacts)
  let version = 500_000
  const nextVersion = (): number => version++
  const stamp = (r: Random, maxDaysAgo: number): { createdon: string; modifiedon: string; created: number } => {
    const created = options.anchor - Math.floor(r.next() * maxDaysAgo * DAY)
    const modified = created + Math.floor(r.next() * (options.anchor - created))
    return { createdon: isoSeconds(created), modifiedon: isoSeconds(modified), created }
  }
  const rows = new Map<string, Row[]>()
  const associations = new Map<string, [string, string][]>([
    ['systemuserroles_association', []],
    ['teammembership_association', []],
    ['teamroles_association', []],
  ])
  const associate = (relationship: string, a: string, b: string): void => {
    associations.get(relationship)?.push([a, b])
  }

  // --- organization and business units
  const organizationId = ids('organization')
  const orgStamp = stamp(random, 1200)
  rows.set('organization', [
    {
      '@odata.etag': '',
      organizationid: organizationId,
      name: options.orgName,
      languagecode: 1033,
      currencysymbol: '$',
      uniquename: `org${slug(options.orgName)}`,
      maxrecordsforexporttoexcel: 100000,
      isauditenabled: true,
      createdon: orgStamp.createdon,
      modifiedon: orgStamp.modifiedon,
      versionnumber: nextVersion(),
    },
  ])
  // The base currency every money amount is in (Dataverse makes one when the organization is provisioned).
  const baseCurrencyId = ids('currency:USD')
  rows.set('transactioncurrency', [
    {
      '@odata.etag': '',
      transactioncurrencyid: baseCurrencyId,
      currencyname: 'US Dollar',
      isocurrencycode: 'USD',
      currencysymbol: '$',
      exchangerate: 1,
      currencyprecision: 2,
      createdon: orgStamp.createdon,
      modifiedon: orgStamp.modifiedon,
      versionnumber: nextVersion(),
    },
  ])
  const unit = (name: string, parent: string | null): Row => ({
    '@odata.etag': '',
    businessunitid: ids(`bu:${name}`),
    name,
    _parentbusinessunitid_value: parent,
    isdisabled: false,
    createdon: orgStamp.createdon,
    modifiedon: orgStamp.modifiedon,
    versionnumber: nextVersion(),
  })
  const root = unit(options.orgName, null)
  const rootBusinessUnitId = root.businessunitid as string
  const sales = unit('Sales', rootBusinessUnitId)
  const units = [
    root,
    sales,
    unit('Service', rootBusinessUnitId),
    unit('Marketing', rootBusinessUnitId),
    unit('Sales EMEA', sales.businessunitid as string),
  ]
  rows.set('businessunit', units)

  // --- roles (kept in the root business unit)
  rows.set(
    'role',
    ROLES.map((role) => ({
      '@odata.etag': '',
      roleid: role.roleId,
      name: role.name,
      _businessunitid_value: rootBusinessUnitId,
      ismanaged: !role.name.startsWith('Workbench') && role.name !== 'Project Member',
      createdon: orgStamp.createdon,
      modifiedon: orgStamp.modifiedon,
      versionnumber: nextVersion(),
    })),
  )
  const roleId = (name: RoleName): string => roleByName(name).roleId

  // --- teams: one default team per business unit, plus the owner team used by the scenarios
  const teams: Row[] = units.map((bu) => ({
    '@odata.etag': '',
    teamid: ids(`team:${String(bu.name)}`),
    ownerid: ids(`team:${String(bu.name)}`),
    name: bu.name ?? null,
    teamtype: 0,
    isdefault: true,
    _businessunitid_value: bu.businessunitid ?? null,
    createdon: orgStamp.createdon,
    modifiedon: orgStamp.modifiedon,
    versionnumber: nextVersion(),
  }))
  const projectTeam: Row = {
    '@odata.etag': '',
    teamid: ids('team:Project Team'),
    ownerid: ids('team:Project Team'),
    name: 'Project Team',
    teamtype: 0,
    isdefault: false,
    _businessunitid_value: rootBusinessUnitId,
    createdon: orgStamp.createdon,
    modifiedon: orgStamp.modifiedon,
    versionnumber: nextVersion(),
  }
  teams.push(projectTeam)
  rows.set('team', teams)
  associate('teamroles_association', projectTeam.teamid as string, roleId('Project Member'))
  const teamByName = new Map(teams.map((t) => [t.name as string, t]))

  // --- users: platform users, people, and one application user per scenario that has one
  const users: Row[] = []
  const user = (label: string, fields: Partial<Row> & { fullname: string; businessunit: string }): Row => {
    const { businessunit, ...rest } = fields
    const s = stamp(random, 900)
    const row: Row = {
      '@odata.etag': '',
      systemuserid: ids(`user:${label}`),
      ownerid: null,
      fullname: null,
      firstname: null,
      lastname: null,
      domainname: null,
      internalemailaddress: null,
      applicationid: null,
      azureactivedirectoryobjectid: random.guid(),
      applicationiduri: null,
      accessmode: 0,
      isdisabled: false,
      _businessunitid_value: businessunit,
      createdon: s.createdon,
      modifiedon: s.modifiedon,
      versionnumber: nextVersion(),
    }
    Object.assign(row, rest)
    row.ownerid = row.systemuserid ?? null
    users.push(row)
    return row
  }
  user('SYSTEM', {
    fullname: 'SYSTEM',
    accessmode: 1,
    businessunit: rootBusinessUnitId,
    azureactivedirectoryobjectid: null,
  })
  user('INTEGRATION', {
    fullname: 'INTEGRATION',
    accessmode: 1,
    businessunit: rootBusinessUnitId,
    azureactivedirectoryobjectid: null,
  })
  const people: Principal[] = []
  const peopleUnits = units.slice(1)
  for (let i = 0; i < 24; i++) {
    const first = random.pick(FIRST_NAMES)
    const last = random.pick(LAST_NAMES)
    const bu = i === 0 ? root : random.pick(peopleUnits)
    const email = `${slug(first)}.${slug(last)}${i}@${TENANT_DOMAIN}`
    const row = user(`person:${i}`, {
      fullname: `${first} ${last}`,
      firstname: first,
      lastname: last,
      domainname: email,
      internalemailaddress: email,
      businessunit: bu.businessunitid as string,
    })
    const role: RoleName = i === 0 ? 'System Administrator' : i % 5 === 0 ? 'Basic User' : 'Salesperson'
    associate('systemuserroles_association', row.systemuserid as string, roleId(role))
    const defaultTeam = teamByName.get(bu.name as string)
    if (defaultTeam) associate('teammembership_association', row.systemuserid as string, defaultTeam.teamid as string)
    people.push({ id: row.systemuserid as string, kind: 'systemuser', businessUnitId: bu.businessunitid as string })
  }
  for (const app of SCENARIO_APPS) {
    if (!app.appUser) continue
    const row = user(`app:${app.scenario}`, {
      systemuserid: app.appUser.systemUserId,
      fullname: `# ${app.displayName}`,
      domainname: `${app.clientId}@${TENANT_DOMAIN}`,
      internalemailaddress: `${app.clientId}@${TENANT_DOMAIN}`,
      applicationid: app.clientId,
      azureactivedirectoryobjectid: app.servicePrincipalId,
      applicationiduri: null,
      accessmode: 4,
      isdisabled: app.appUser.isDisabled,
      businessunit: rootBusinessUnitId,
    })
    for (const role of app.appUser.roles)
      associate('systemuserroles_association', row.systemuserid as string, roleId(role))
    for (const teamName of app.appUser.teams) {
      const team = teamByName.get(teamName)
      if (!team) throw new Error(`Scenario ${app.scenario} names an unknown team ${teamName}`)
      associate('teammembership_association', row.systemuserid as string, team.teamid as string)
    }
  }
  rows.set('systemuser', users)

  const owner = (principal: Principal, createdBy: string): Row => ({
    _createdby_value: createdBy,
    _modifiedby_value: createdBy,
    _ownerid_value: principal.id,
    _owninguser_value: principal.kind === 'systemuser' ? principal.id : null,
    _owningteam_value: principal.kind === 'team' ? principal.id : null,
    _owningbusinessunit_value: principal.businessUnitId,
  })

  // --- accounts
  const accountRows: Row[] = new Array(options.accounts)
  const accountDomains: string[] = new Array(options.accounts)
  const accountCities: (readonly [string, string])[] = new Array(options.accounts)
  for (let i = 0; i < options.accounts; i++) {
    const version = nextVersion()
    const name = `${random.pick(COMPANY_FIRST)} ${random.pick(COMPANY_SECOND)}${random.pick(COMPANY_SUFFIX)}`
    const domain = `${slug(name)}${i % 97 === 0 ? '' : i % 7}.com`
    const city = random.pick(CITIES)
    const principal = random.pick(people)
    const s = stamp(random, 1100)
    const active = random.chance(0.9)
    accountDomains[i] = domain
    accountCities[i] = city
    accountRows[i] = {
      '@odata.etag': etag(version),
      accountid: accountKey(i),
      name,
      accountnumber: `ACC-${String(100000 + i)}`,
      telephone1: `+1 ${random.int(200, 989)} ${random.int(200, 999)} ${String(random.int(0, 9999)).padStart(4, '0')}`,
      emailaddress1: `info@${domain}`,
      websiteurl: `https://www.${domain}`,
      address1_city: city[0],
      address1_country: city[1],
      numberofemployees: random.int(3, 25000),
      revenue: random.int(10, 500000) * 1000,
      creditlimit: random.chance(0.7) ? random.int(1, 200) * 500 : null,
      industrycode: random.pick(INDUSTRY_OPTIONS).value,
      customertypecode: random.pick(CUSTOMER_TYPE_OPTIONS).value,
      donotemail: random.chance(0.1),
      description: random.chance(0.2)
        ? `${name} is a ${random.pick(JOB_TITLES).toLowerCase()}-led business based in ${city[0]}.`
        : null,
      _primarycontactid_value: null,
      _parentaccountid_value: null,
      _transactioncurrencyid_value: baseCurrencyId,
      createdon: s.createdon,
      modifiedon: s.modifiedon,
      _createdby_value: principal.id,
      _modifiedby_value: principal.id,
      _ownerid_value: principal.id,
      _owninguser_value: principal.id,
      _owningteam_value: null,
      _owningbusinessunit_value: principal.businessUnitId,
      statecode: active ? 0 : 1,
      statuscode: active ? 1 : 2,
      versionnumber: version,
    }
  }
  for (let i = 0; i < options.accounts; i++) {
    if (i > 10 && random.chance(0.08)) {
      const row = accountRows[i]
      const parent = accountRows[random.int(0, i - 1)]
      if (row && parent) row._parentaccountid_value = parent.accountid as string
    }
  }

  // --- contacts, spread over the accounts
  const contactRows: Row[] = new Array(options.contacts)
  // Full names repeat (about 4,600 first/last pairs): one shared string per pair instead of 50,000.
  const fullNames: (string | undefined)[] = []
  // emailaddress1 is contact's alternate key (schema.ts), so it must be unique; the rare repeat gets the row number.
  const emails = new Set<string>()
  for (let i = 0; i < options.contacts; i++) {
    const firstIndex = random.int(0, FIRST_NAMES.length - 1)
    const lastIndex = random.int(0, LAST_NAMES.length - 1)
    const first = FIRST_NAMES[firstIndex] as string
    const last = LAST_NAMES[lastIndex] as string
    const pair = firstIndex * LAST_NAMES.length + lastIndex
    const fullname = (fullNames[pair] ??= `${first} ${last}`)
    const version = nextVersion()
    const accountIndex = options.accounts > 0 && random.chance(0.92) ? random.int(0, options.accounts - 1) : -1
    const account = accountIndex >= 0 ? accountRows[accountIndex] : undefined
    const domain = account
      ? accountDomains[accountIndex]
      : random.pick(['outlook.com', 'gmail.com', 'proton.me', 'yahoo.com'])
    const city = account
      ? random.chance(0.8)
        ? accountCities[accountIndex]
        : random.pick(CITIES)
      : random.pick(CITIES)
    const principal = random.pick(people)
    const s = stamp(random, 1000)
    const active = random.chance(0.93)
    const birth = options.anchor - random.int(20 * 365, 70 * 365) * DAY
    contactRows[i] = {
      '@odata.etag': etag(version),
      contactid: contactKey(i),
      fullname,
      firstname: first,
      lastname: last,
      emailaddress1: uniqueEmail(emails, `${slug(first)}.${slug(last)}${i % 13 === 0 ? '' : i % 100}`, domain, i),
      telephone1: random.chance(0.85)
        ? `+1 ${random.int(200, 989)} ${random.int(200, 999)} ${String(random.int(0, 9999)).padStart(4, '0')}`
        : null,
      jobtitle: random.chance(0.75) ? random.pick(JOB_TITLES) : null,
      address1_city: city ? city[0] : null,
      address1_country: city ? city[1] : null,
      birthdate: random.chance(0.6) ? isoDate(birth) : null,
      gendercode: random.chance(0.7) ? random.int(1, 2) : null,
      preferredcontactmethodcode: random.int(1, 5),
      numberofchildren: random.chance(0.5) ? random.int(0, 4) : null,
      annualincome: random.chance(0.4) ? random.int(20, 300) * 1000 : null,
      creditlimit: random.chance(0.3) ? random.int(1, 40) * 250 : null,
      donotemail: random.chance(0.12),
      description: null,
      _parentcustomerid_value: account ? (account.accountid as string) : null,
      _transactioncurrencyid_value: baseCurrencyId,
      createdon: s.createdon,
      modifiedon: s.modifiedon,
      _createdby_value: principal.id,
      _modifiedby_value: principal.id,
      _ownerid_value: principal.id,
      _owninguser_value: principal.id,
      _owningteam_value: null,
      _owningbusinessunit_value: principal.businessUnitId,
      statecode: active ? 0 : 1,
      statuscode: active ? 1 : 2,
      versionnumber: version,
    }
    if (account && account._primarycontactid_value === null)
      account._primarycontactid_value = contactRows[i]?.contactid as string
  }
  rows.set('account', accountRows)
  rows.set('contact', contactRows)

  // --- custom tables: projects (some owned by the Project Team), time entries and expenses
  const projectCount = Math.min(options.accounts, Math.max(10, Math.floor(options.accounts / 25)))
  const teamPrincipal: Principal = {
    id: projectTeam.teamid as string,
    kind: 'team',
    businessUnitId: rootBusinessUnitId,
  }
  const projects: Row[] = []
  for (let i = 0; i < projectCount; i++) {
    const account = accountRows[random.int(0, Math.max(0, options.accounts - 1))]
    const principal = i % 4 === 0 ? teamPrincipal : random.pick(people)
    const s = stamp(random, 700)
    const start = s.created + random.int(0, 30) * DAY
    const status = random.pick(PROJECT_STATUS_OPTIONS).value
    projects.push({
      '@odata.etag': '',
      cr4f5_projectid: random.orderedGuid(i, projectCount),
      cr4f5_name: `${random.pick(PROJECT_WORDS)} ${i + 1}`,
      _cr4f5_accountid_value: account ? (account.accountid as string) : null,
      cr4f5_status: status,
      cr4f5_budgethours: random.int(40, 2000) + random.int(0, 3) * 0.25,
      cr4f5_budget: random.int(5, 500) * 1000,
      cr4f5_startdate: isoDate(start),
      cr4f5_enddate: random.chance(0.7) ? isoDate(start + random.int(30, 400) * DAY) : null,
      cr4f5_isbillable: random.chance(0.8),
      cr4f5_notes: random.chance(0.3) ? 'Kick-off done; weekly status on Mondays.' : null,
      createdon: s.createdon,
      modifiedon: s.modifiedon,
      ...owner(principal, people[0]?.id ?? principal.id),
      statecode: status === 100000003 ? 1 : 0,
      statuscode: status === 100000003 ? 2 : 1,
      versionnumber: nextVersion(),
    })
  }
  rows.set('cr4f5_project', projects)
  const timeEntries: Row[] = []
  const expenses: Row[] = []
  for (const project of projects) {
    const principal: Principal = project._owningteam_value
      ? teamPrincipal
      : {
          id: project._owninguser_value as string,
          kind: 'systemuser',
          businessUnitId: project._owningbusinessunit_value as string,
        }
    for (let j = 0; j < 5; j++) {
      const s = stamp(random, 365)
      const hours = random.int(1, 16) / 2
      timeEntries.push({
        '@odata.etag': '',
        cr4f5_timeentryid: random.guid(),
        cr4f5_name: `${String(project.cr4f5_name)} – ${isoDate(s.created)}`,
        _cr4f5_projectid_value: project.cr4f5_projectid as string,
        cr4f5_hours: hours,
        cr4f5_date: isoDate(s.created),
        cr4f5_minutes: hours * 60,
        cr4f5_approved: random.chance(0.6),
        createdon: s.createdon,
        modifiedon: s.modifiedon,
        ...owner(principal, principal.kind === 'systemuser' ? principal.id : (people[0]?.id ?? principal.id)),
        statecode: 0,
        statuscode: 1,
        versionnumber: nextVersion(),
      })
    }
    for (let j = 0; j < 2; j++) {
      const s = stamp(random, 365)
      const category = random.pick(EXPENSE_CATEGORY_OPTIONS)
      expenses.push({
        '@odata.etag': '',
        cr4f5_expenseid: random.guid(),
        cr4f5_name: `${category.label} for ${String(project.cr4f5_name)}`,
        _cr4f5_projectid_value: project.cr4f5_projectid as string,
        cr4f5_amount: random.int(1000, 250000) / 100,
        cr4f5_category: category.value,
        cr4f5_receiptdate: isoDate(s.created),
        cr4f5_approved: random.chance(0.5),
        createdon: s.createdon,
        modifiedon: s.modifiedon,
        ...owner(principal, principal.kind === 'systemuser' ? principal.id : (people[0]?.id ?? principal.id)),
        statecode: 0,
        statuscode: 1,
        versionnumber: nextVersion(),
      })
    }
  }
  rows.set('cr4f5_timeentry', timeEntries)
  rows.set('cr4f5_expense', expenses)

  // Accounts and contacts got their etag inline; the small tables get theirs here.
  for (const [table, list] of rows) {
    if (table === 'account' || table === 'contact') continue
    for (const row of list) row['@odata.etag'] = etag(row.versionnumber as number)
  }
  return { organizationId, rootBusinessUnitId, rows, associations, nextVersion: version }
}

function uniqueEmail(seen: Set<string>, local: string, domain: string | undefined, row: number): string {
  let email = `${local}@${domain}`
  if (seen.has(email)) email = `${local}.${row}@${domain}`
  seen.add(email)
  return email
}
