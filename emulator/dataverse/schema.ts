/**
 * Table definitions: the single source of truth for the generated data, the EntityDefinitions
 * routes, the CSDL `$metadata` and the security model's privileges. Wire names follow Dataverse:
 * a lookup column `primarycontactid` travels as `_primarycontactid_value`.
 */

export type ColumnType =
  | 'uniqueidentifier'
  | 'string'
  | 'memo'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'money'
  | 'datetime'
  | 'boolean'
  | 'picklist'
  | 'state'
  | 'status'
  | 'lookup'
  | 'owner'
  | 'customer'

export interface OptionDef {
  readonly value: number
  readonly label: string
}

export interface ColumnDef {
  readonly logicalName: string
  readonly schemaName: string
  readonly displayName: string
  readonly type: ColumnType
  /** Property name on the wire and in CSDL (`_x_value` for lookups). */
  readonly wireName: string
  readonly maxLength?: number
  /** Decimal places for decimal and money. */
  readonly precision?: number
  readonly format?: 'email' | 'url' | 'phone' | 'text' | 'dateonly' | 'datetime'
  readonly options?: readonly OptionDef[]
  /** Tables a lookup may point to. */
  readonly targets?: readonly string[]
  readonly isPrimaryId?: boolean
  readonly isPrimaryName?: boolean
  /** Set by the platform: clients may read but not write it. */
  readonly readOnly?: boolean
  readonly required?: boolean
}

type Ownership = 'UserOwned' | 'OrganizationOwned' | 'BusinessOwned'

export interface TableDef {
  readonly logicalName: string
  readonly schemaName: string
  readonly entitySetName: string
  readonly displayName: string
  readonly displayCollectionName: string
  readonly objectTypeCode: number
  readonly primaryIdAttribute: string
  readonly primaryNameAttribute: string
  readonly ownership: Ownership
  readonly isCustom: boolean
  /** Suffix of the privilege names: prvRead<privilegeName>. */
  readonly privilegeName: string
  readonly columns: readonly ColumnDef[]
  readonly description: string
  /** Abstract base type in CSDL (systemuser and team derive from principal). */
  readonly baseType?: 'crmbaseentity' | 'principal'
  /** Alternate keys: rows can be addressed as `accounts(accountnumber='…')` (Dataverse keeps their values unique). */
  readonly alternateKeys?: readonly AlternateKeyDef[]
}

export interface AlternateKeyDef {
  readonly schemaName: string
  readonly displayName: string
  /** Column logical names, in the key's order. */
  readonly attributes: readonly string[]
}

/** One-to-many: `referencingTable.referencingAttribute` points at `referencedTable`. */
interface OneToManyDef {
  readonly schemaName: string
  readonly referencedTable: string
  readonly referencingTable: string
  readonly referencingAttribute: string
  /** Single-valued navigation property on the referencing (many) side. */
  readonly referencingNavigation: string
  /** Collection navigation property on the referenced (one) side. */
  readonly referencedNavigation: string
}

export interface ManyToManyDef {
  readonly schemaName: string
  readonly table1: string
  readonly table2: string
  readonly intersectEntity: string
  /** Both sides use the relationship's schema name as navigation property, as Dataverse does. */
  readonly navigation: string
}

export interface Schema {
  readonly tables: readonly TableDef[]
  readonly oneToMany: readonly OneToManyDef[]
  readonly manyToMany: readonly ManyToManyDef[]
}

// ---------------------------------------------------------------------------------------------
// Column builders

type Extra = Partial<Omit<ColumnDef, 'logicalName' | 'displayName' | 'type' | 'wireName'>>

const titleCase = (logical: string): string => logical.charAt(0).toUpperCase() + logical.slice(1)

function column(type: ColumnType, logicalName: string, displayName: string, extra: Extra = {}): ColumnDef {
  const isLookup = type === 'lookup' || type === 'owner' || type === 'customer'
  return {
    logicalName,
    schemaName: extra.schemaName ?? titleCase(logicalName),
    displayName,
    type,
    wireName: isLookup ? `_${logicalName}_value` : logicalName,
    ...extra,
  }
}

const id = (logicalName: string, displayName: string): ColumnDef =>
  column('uniqueidentifier', logicalName, displayName, { isPrimaryId: true, readOnly: true })
const str = (logicalName: string, displayName: string, extra: Extra = {}): ColumnDef =>
  column('string', logicalName, displayName, { maxLength: 100, format: 'text', ...extra })
const memo = (logicalName: string, displayName: string): ColumnDef =>
  column('memo', logicalName, displayName, { maxLength: 2000 })
const int = (logicalName: string, displayName: string): ColumnDef => column('integer', logicalName, displayName)
const dec = (logicalName: string, displayName: string): ColumnDef =>
  column('decimal', logicalName, displayName, { precision: 2 })
const money = (logicalName: string, displayName: string): ColumnDef =>
  column('money', logicalName, displayName, { precision: 2 })
const date = (logicalName: string, displayName: string, extra: Extra = {}): ColumnDef =>
  column('datetime', logicalName, displayName, { format: 'datetime', ...extra })
const bool = (logicalName: string, displayName: string): ColumnDef => column('boolean', logicalName, displayName)
const guidColumn = (logicalName: string, displayName: string): ColumnDef =>
  column('uniqueidentifier', logicalName, displayName)
const choice = (logicalName: string, displayName: string, options: readonly OptionDef[]): ColumnDef =>
  column('picklist', logicalName, displayName, { options })
const lookup = (logicalName: string, displayName: string, targets: readonly string[], extra: Extra = {}): ColumnDef =>
  column('lookup', logicalName, displayName, { targets, ...extra })

/** Every table with money columns carries the currency its amounts are in. */
const currencyLookup = (): ColumnDef => lookup('transactioncurrencyid', 'Currency', ['transactioncurrency'])

const options = (...labels: readonly [number, string][]): OptionDef[] =>
  labels.map(([value, label]) => ({ value, label }))

const STATE = options([0, 'Active'], [1, 'Inactive'])
const STATUS = options([1, 'Active'], [2, 'Inactive'])

/** Columns every user-owned table carries: audit, ownership, state and row version. */
function userOwnedSystemColumns(): ColumnDef[] {
  return [
    date('createdon', 'Created On', { readOnly: true }),
    date('modifiedon', 'Modified On', { readOnly: true }),
    lookup('createdby', 'Created By', ['systemuser'], { readOnly: true }),
    lookup('modifiedby', 'Modified By', ['systemuser'], { readOnly: true }),
    column('owner', 'ownerid', 'Owner', { targets: ['systemuser', 'team'] }),
    lookup('owninguser', 'Owning User', ['systemuser'], { readOnly: true }),
    lookup('owningteam', 'Owning Team', ['team'], { readOnly: true }),
    lookup('owningbusinessunit', 'Owning Business Unit', ['businessunit'], { readOnly: true }),
    column('state', 'statecode', 'Status', { options: STATE }),
    column('status', 'statuscode', 'Status Reason', { options: STATUS }),
    column('bigint', 'versionnumber', 'Version Number', { readOnly: true }),
  ]
}

function orgOwnedSystemColumns(): ColumnDef[] {
  return [
    date('createdon', 'Created On', { readOnly: true }),
    date('modifiedon', 'Modified On', { readOnly: true }),
    column('bigint', 'versionnumber', 'Version Number', { readOnly: true }),
  ]
}

// ---------------------------------------------------------------------------------------------
// Option sets shared with the data generator

export const INDUSTRY_OPTIONS = options(
  [1, 'Accounting'],
  [2, 'Agriculture and Non-petrol Natural Resource Extraction'],
  [3, 'Broadcasting Printing and Publishing'],
  [4, 'Brokers'],
  [5, 'Building Supply Retail'],
  [6, 'Business Services'],
  [7, 'Consulting'],
  [8, 'Consumer Services'],
  [9, 'Design, Direction and Creative Management'],
  [10, 'Distributors, Dispatchers and Processors'],
  [11, "Doctor's Offices and Clinics"],
  [12, 'Durable Manufacturing'],
  [13, 'Eating and Drinking Places'],
  [14, 'Entertainment Retail'],
  [15, 'Equipment Rental and Leasing'],
  [16, 'Financial'],
)
export const CUSTOMER_TYPE_OPTIONS = options(
  [1, 'Competitor'],
  [2, 'Consultant'],
  [3, 'Customer'],
  [4, 'Investor'],
  [5, 'Partner'],
)
const GENDER_OPTIONS = options([1, 'Male'], [2, 'Female'])
const PREFERRED_CONTACT_OPTIONS = options([1, 'Any'], [2, 'Email'], [3, 'Phone'], [4, 'Fax'], [5, 'Mail'])
const ACCESS_MODE_OPTIONS = options(
  [0, 'Read-Write'],
  [1, 'Administrative'],
  [2, 'Read'],
  [3, 'Support User'],
  [4, 'Non-interactive'],
  [5, 'Delegated Admin'],
)
const TEAM_TYPE_OPTIONS = options([0, 'Owner'], [1, 'Access'], [2, 'Security Group'], [3, 'Office Group'])
export const PROJECT_STATUS_OPTIONS = options(
  [100000000, 'Proposed'],
  [100000001, 'In Progress'],
  [100000002, 'On Hold'],
  [100000003, 'Completed'],
)
export const EXPENSE_CATEGORY_OPTIONS = options(
  [100000000, 'Travel'],
  [100000001, 'Lodging'],
  [100000002, 'Meals'],
  [100000003, 'Equipment'],
)

// ---------------------------------------------------------------------------------------------
// Tables

const account: TableDef = {
  logicalName: 'account',
  schemaName: 'Account',
  entitySetName: 'accounts',
  displayName: 'Account',
  displayCollectionName: 'Accounts',
  objectTypeCode: 1,
  primaryIdAttribute: 'accountid',
  primaryNameAttribute: 'name',
  ownership: 'UserOwned',
  isCustom: false,
  privilegeName: 'Account',
  description: 'Business that represents a customer or potential customer.',
  // The key Microsoft's docs use in their examples (web-api-entitytypes.md, use-alternate-key-reference-record.md).
  alternateKeys: [{ schemaName: 'AccountNumberKey', displayName: 'Account Number', attributes: ['accountnumber'] }],
  columns: [
    id('accountid', 'Account'),
    str('name', 'Account Name', { isPrimaryName: true, maxLength: 160, required: true }),
    str('accountnumber', 'Account Number', { maxLength: 20 }),
    str('telephone1', 'Main Phone', { maxLength: 50, format: 'phone' }),
    str('emailaddress1', 'Email', { maxLength: 100, format: 'email' }),
    str('websiteurl', 'Website', { maxLength: 200, format: 'url' }),
    str('address1_city', 'Address 1: City', { maxLength: 80, schemaName: 'Address1_City' }),
    str('address1_country', 'Address 1: Country/Region', { maxLength: 80, schemaName: 'Address1_Country' }),
    int('numberofemployees', 'Number of Employees'),
    money('revenue', 'Annual Revenue'),
    money('creditlimit', 'Credit Limit'),
    choice('industrycode', 'Industry', INDUSTRY_OPTIONS),
    choice('customertypecode', 'Relationship Type', CUSTOMER_TYPE_OPTIONS),
    bool('donotemail', 'Do not allow Emails'),
    memo('description', 'Description'),
    lookup('primarycontactid', 'Primary Contact', ['contact']),
    lookup('parentaccountid', 'Parent Account', ['account']),
    currencyLookup(),
    ...userOwnedSystemColumns(),
  ],
}

const contact: TableDef = {
  logicalName: 'contact',
  schemaName: 'Contact',
  entitySetName: 'contacts',
  displayName: 'Contact',
  displayCollectionName: 'Contacts',
  objectTypeCode: 2,
  primaryIdAttribute: 'contactid',
  primaryNameAttribute: 'fullname',
  ownership: 'UserOwned',
  isCustom: false,
  privilegeName: 'Contact',
  description: 'Person with whom a business unit has a relationship, such as customer, supplier, and colleague.',
  // The multi-part key of the docs' example: contacts(firstname='Joe',emailaddress1='abc@example.com').
  alternateKeys: [
    {
      schemaName: 'FirstNameEmailKey',
      displayName: 'First Name and Email',
      attributes: ['firstname', 'emailaddress1'],
    },
  ],
  columns: [
    id('contactid', 'Contact'),
    str('fullname', 'Full Name', { isPrimaryName: true, maxLength: 160, readOnly: true }),
    str('firstname', 'First Name', { maxLength: 50 }),
    str('lastname', 'Last Name', { maxLength: 50, required: true }),
    str('emailaddress1', 'Email', { maxLength: 100, format: 'email' }),
    str('telephone1', 'Business Phone', { maxLength: 50, format: 'phone' }),
    str('jobtitle', 'Job Title', { maxLength: 100 }),
    str('address1_city', 'Address 1: City', { maxLength: 80, schemaName: 'Address1_City' }),
    str('address1_country', 'Address 1: Country/Region', { maxLength: 80, schemaName: 'Address1_Country' }),
    date('birthdate', 'Birthday', { format: 'dateonly' }),
    choice('gendercode', 'Gender', GENDER_OPTIONS),
    choice('preferredcontactmethodcode', 'Preferred Method of Contact', PREFERRED_CONTACT_OPTIONS),
    int('numberofchildren', 'No. of Children'),
    money('annualincome', 'Annual Income'),
    money('creditlimit', 'Credit Limit'),
    bool('donotemail', 'Do not allow Emails'),
    memo('description', 'Description'),
    column('customer', 'parentcustomerid', 'Company Name', { targets: ['account', 'contact'] }),
    currencyLookup(),
    ...userOwnedSystemColumns(),
  ],
}

const systemuser: TableDef = {
  logicalName: 'systemuser',
  schemaName: 'SystemUser',
  entitySetName: 'systemusers',
  displayName: 'User',
  displayCollectionName: 'Users',
  objectTypeCode: 8,
  primaryIdAttribute: 'systemuserid',
  primaryNameAttribute: 'fullname',
  ownership: 'BusinessOwned',
  isCustom: false,
  privilegeName: 'User',
  baseType: 'principal',
  description: 'Person with access to the Microsoft CRM system and who owns objects in the Microsoft CRM database.',
  columns: [
    id('systemuserid', 'User'),
    str('fullname', 'Full Name', { isPrimaryName: true, maxLength: 200, readOnly: true }),
    str('firstname', 'First Name', { maxLength: 64 }),
    str('lastname', 'Last Name', { maxLength: 64 }),
    str('domainname', 'User Name', { maxLength: 1024 }),
    str('internalemailaddress', 'Primary Email', { maxLength: 100, format: 'email' }),
    guidColumn('applicationid', 'Application ID'),
    guidColumn('azureactivedirectoryobjectid', 'Azure AD Object ID'),
    str('applicationiduri', 'Application ID URI', { maxLength: 1024 }),
    choice('accessmode', 'Access Mode', ACCESS_MODE_OPTIONS),
    bool('isdisabled', 'Status'),
    lookup('businessunitid', 'Business Unit', ['businessunit']),
    ...orgOwnedSystemColumns(),
  ],
}

const team: TableDef = {
  logicalName: 'team',
  schemaName: 'Team',
  entitySetName: 'teams',
  displayName: 'Team',
  displayCollectionName: 'Teams',
  objectTypeCode: 9,
  primaryIdAttribute: 'teamid',
  primaryNameAttribute: 'name',
  ownership: 'BusinessOwned',
  isCustom: false,
  privilegeName: 'Team',
  baseType: 'principal',
  description: 'Collection of system users that routinely collaborate. Teams can be used to simplify record sharing.',
  columns: [
    id('teamid', 'Team'),
    str('name', 'Team Name', { isPrimaryName: true, maxLength: 160 }),
    choice('teamtype', 'Team Type', TEAM_TYPE_OPTIONS),
    bool('isdefault', 'Is Default'),
    lookup('businessunitid', 'Business Unit', ['businessunit']),
    ...orgOwnedSystemColumns(),
  ],
}

const businessunit: TableDef = {
  logicalName: 'businessunit',
  schemaName: 'BusinessUnit',
  entitySetName: 'businessunits',
  displayName: 'Business Unit',
  displayCollectionName: 'Business Units',
  objectTypeCode: 10,
  primaryIdAttribute: 'businessunitid',
  primaryNameAttribute: 'name',
  ownership: 'BusinessOwned',
  isCustom: false,
  privilegeName: 'BusinessUnit',
  description: 'Business, division, or department in the Microsoft Dynamics 365 database.',
  columns: [
    id('businessunitid', 'Business Unit'),
    str('name', 'Name', { isPrimaryName: true, maxLength: 160 }),
    lookup('parentbusinessunitid', 'Parent Business', ['businessunit']),
    bool('isdisabled', 'Is Disabled'),
    ...orgOwnedSystemColumns(),
  ],
}

const role: TableDef = {
  logicalName: 'role',
  schemaName: 'Role',
  entitySetName: 'roles',
  displayName: 'Security Role',
  displayCollectionName: 'Security Roles',
  objectTypeCode: 1036,
  primaryIdAttribute: 'roleid',
  primaryNameAttribute: 'name',
  ownership: 'BusinessOwned',
  isCustom: false,
  privilegeName: 'Role',
  description:
    'Grouping of security privileges. Users are assigned roles that authorize their access to the Microsoft CRM system.',
  columns: [
    id('roleid', 'Role'),
    str('name', 'Name', { isPrimaryName: true, maxLength: 100 }),
    lookup('businessunitid', 'Business Unit', ['businessunit']),
    bool('ismanaged', 'Is Managed'),
    ...orgOwnedSystemColumns(),
  ],
}

const organization: TableDef = {
  logicalName: 'organization',
  schemaName: 'Organization',
  entitySetName: 'organizations',
  displayName: 'Organization',
  displayCollectionName: 'Organizations',
  objectTypeCode: 1019,
  primaryIdAttribute: 'organizationid',
  primaryNameAttribute: 'name',
  ownership: 'OrganizationOwned',
  isCustom: false,
  privilegeName: 'Organization',
  description: 'Top level of the Microsoft Dynamics 365 business hierarchy.',
  columns: [
    id('organizationid', 'Organization'),
    str('name', 'Name', { isPrimaryName: true, maxLength: 160 }),
    int('languagecode', 'Language'),
    str('currencysymbol', 'Currency Symbol', { maxLength: 13 }),
    str('uniquename', 'Unique Name', { maxLength: 100 }),
    int('maxrecordsforexporttoexcel', 'Max Records For Excel Export'),
    bool('isauditenabled', 'Is Auditing Enabled'),
    ...orgOwnedSystemColumns(),
  ],
}

const transactioncurrency: TableDef = {
  logicalName: 'transactioncurrency',
  schemaName: 'TransactionCurrency',
  entitySetName: 'transactioncurrencies',
  displayName: 'Currency',
  displayCollectionName: 'Currencies',
  objectTypeCode: 9105,
  primaryIdAttribute: 'transactioncurrencyid',
  primaryNameAttribute: 'currencyname',
  ownership: 'OrganizationOwned',
  isCustom: false,
  privilegeName: 'TransactionCurrency',
  description: 'Currency in which a financial transaction is carried out.',
  columns: [
    id('transactioncurrencyid', 'Currency'),
    str('currencyname', 'Currency Name', { isPrimaryName: true, maxLength: 100 }),
    str('isocurrencycode', 'Currency Code', { maxLength: 5 }),
    str('currencysymbol', 'Currency Symbol', { maxLength: 13 }),
    dec('exchangerate', 'Exchange Rate'),
    int('currencyprecision', 'Currency Precision'),
    ...orgOwnedSystemColumns(),
  ],
}

const project: TableDef = {
  logicalName: 'cr4f5_project',
  schemaName: 'cr4f5_Project',
  entitySetName: 'cr4f5_projects',
  displayName: 'Project',
  displayCollectionName: 'Projects',
  objectTypeCode: 10010,
  primaryIdAttribute: 'cr4f5_projectid',
  primaryNameAttribute: 'cr4f5_name',
  ownership: 'UserOwned',
  isCustom: true,
  privilegeName: 'cr4f5_Project',
  description: 'A customer project delivered by the services team (custom table, publisher prefix cr4f5).',
  columns: [
    id('cr4f5_projectid', 'Project'),
    str('cr4f5_name', 'Name', { isPrimaryName: true, maxLength: 100, required: true, schemaName: 'cr4f5_Name' }),
    lookup('cr4f5_accountid', 'Customer', ['account'], { schemaName: 'cr4f5_AccountId' }),
    choice('cr4f5_status', 'Project Status', PROJECT_STATUS_OPTIONS),
    dec('cr4f5_budgethours', 'Budget Hours'),
    money('cr4f5_budget', 'Budget'),
    date('cr4f5_startdate', 'Start Date', { format: 'dateonly', schemaName: 'cr4f5_StartDate' }),
    date('cr4f5_enddate', 'End Date', { format: 'dateonly', schemaName: 'cr4f5_EndDate' }),
    bool('cr4f5_isbillable', 'Billable'),
    memo('cr4f5_notes', 'Notes'),
    ...userOwnedSystemColumns(),
  ],
}

const timeEntry: TableDef = {
  logicalName: 'cr4f5_timeentry',
  schemaName: 'cr4f5_TimeEntry',
  entitySetName: 'cr4f5_timeentries',
  displayName: 'Time Entry',
  displayCollectionName: 'Time Entries',
  objectTypeCode: 10011,
  primaryIdAttribute: 'cr4f5_timeentryid',
  primaryNameAttribute: 'cr4f5_name',
  ownership: 'UserOwned',
  isCustom: true,
  privilegeName: 'cr4f5_TimeEntry',
  description: 'Hours logged against a project (custom table).',
  columns: [
    id('cr4f5_timeentryid', 'Time Entry'),
    str('cr4f5_name', 'Name', { isPrimaryName: true, maxLength: 100, schemaName: 'cr4f5_Name' }),
    lookup('cr4f5_projectid', 'Project', ['cr4f5_project'], { schemaName: 'cr4f5_ProjectId' }),
    dec('cr4f5_hours', 'Hours'),
    date('cr4f5_date', 'Date', { format: 'dateonly', schemaName: 'cr4f5_Date' }),
    int('cr4f5_minutes', 'Minutes'),
    bool('cr4f5_approved', 'Approved'),
    ...userOwnedSystemColumns(),
  ],
}

const expense: TableDef = {
  logicalName: 'cr4f5_expense',
  schemaName: 'cr4f5_Expense',
  entitySetName: 'cr4f5_expenses',
  displayName: 'Expense',
  displayCollectionName: 'Expenses',
  objectTypeCode: 10012,
  primaryIdAttribute: 'cr4f5_expenseid',
  primaryNameAttribute: 'cr4f5_name',
  ownership: 'UserOwned',
  isCustom: true,
  privilegeName: 'cr4f5_Expense',
  description: 'An expense claimed on a project (custom table).',
  columns: [
    id('cr4f5_expenseid', 'Expense'),
    str('cr4f5_name', 'Name', { isPrimaryName: true, maxLength: 100, schemaName: 'cr4f5_Name' }),
    lookup('cr4f5_projectid', 'Project', ['cr4f5_project'], { schemaName: 'cr4f5_ProjectId' }),
    money('cr4f5_amount', 'Amount'),
    choice('cr4f5_category', 'Category', EXPENSE_CATEGORY_OPTIONS),
    date('cr4f5_receiptdate', 'Receipt Date', { format: 'dateonly', schemaName: 'cr4f5_ReceiptDate' }),
    bool('cr4f5_approved', 'Approved'),
    ...userOwnedSystemColumns(),
  ],
}

const TABLES: readonly TableDef[] = [
  account,
  contact,
  systemuser,
  team,
  businessunit,
  role,
  organization,
  transactioncurrency,
  project,
  timeEntry,
  expense,
]

const oneToMany = (
  schemaName: string,
  referencedTable: string,
  referencingTable: string,
  referencingAttribute: string,
  referencingNavigation = referencingAttribute,
): OneToManyDef => ({
  schemaName,
  referencedTable,
  referencingTable,
  referencingAttribute,
  referencingNavigation,
  referencedNavigation: schemaName,
})

/** The audit and ownership lookups every user-owned table has, named as Dataverse names them. */
function systemRelationships(table: TableDef): OneToManyDef[] {
  const n = table.logicalName
  return [
    oneToMany(`lk_${n}_createdby`, 'systemuser', n, 'createdby'),
    oneToMany(`lk_${n}_modifiedby`, 'systemuser', n, 'modifiedby'),
    oneToMany(`user_${n}`, 'systemuser', n, 'owninguser'),
    oneToMany(`team_${n}`, 'team', n, 'owningteam'),
    oneToMany(`business_unit_${n}`, 'businessunit', n, 'owningbusinessunit'),
  ]
}

const ONE_TO_MANY: readonly OneToManyDef[] = [
  oneToMany('account_primary_contact', 'contact', 'account', 'primarycontactid'),
  oneToMany('account_parent_account', 'account', 'account', 'parentaccountid'),
  oneToMany('contact_customer_accounts', 'account', 'contact', 'parentcustomerid', 'parentcustomerid_account'),
  oneToMany('contact_customer_contacts', 'contact', 'contact', 'parentcustomerid', 'parentcustomerid_contact'),
  oneToMany('transactioncurrency_account', 'transactioncurrency', 'account', 'transactioncurrencyid'),
  oneToMany('transactioncurrency_contact', 'transactioncurrency', 'contact', 'transactioncurrencyid'),
  oneToMany('business_unit_system_users', 'businessunit', 'systemuser', 'businessunitid'),
  oneToMany('business_unit_teams', 'businessunit', 'team', 'businessunitid'),
  oneToMany('business_unit_roles', 'businessunit', 'role', 'businessunitid'),
  oneToMany('business_unit_parent_business_unit', 'businessunit', 'businessunit', 'parentbusinessunitid'),
  oneToMany('cr4f5_account_cr4f5_project_accountid', 'account', 'cr4f5_project', 'cr4f5_accountid'),
  oneToMany('cr4f5_cr4f5_project_cr4f5_timeentry_projectid', 'cr4f5_project', 'cr4f5_timeentry', 'cr4f5_projectid'),
  oneToMany('cr4f5_cr4f5_project_cr4f5_expense_projectid', 'cr4f5_project', 'cr4f5_expense', 'cr4f5_projectid'),
  ...TABLES.filter((table) => table.ownership === 'UserOwned').flatMap(systemRelationships),
]

const MANY_TO_MANY: readonly ManyToManyDef[] = [
  {
    schemaName: 'systemuserroles_association',
    table1: 'systemuser',
    table2: 'role',
    intersectEntity: 'systemuserroles',
    navigation: 'systemuserroles_association',
  },
  {
    schemaName: 'teammembership_association',
    table1: 'systemuser',
    table2: 'team',
    intersectEntity: 'teammembership',
    navigation: 'teammembership_association',
  },
  {
    schemaName: 'teamroles_association',
    table1: 'team',
    table2: 'role',
    intersectEntity: 'teamroles',
    navigation: 'teamroles_association',
  },
]

export const SCHEMA: Schema = { tables: TABLES, oneToMany: ONE_TO_MANY, manyToMany: MANY_TO_MANY }

/** Fast lookups over a schema, built once. */
export interface SchemaIndex {
  readonly schema: Schema
  table(logicalName: string): TableDef | undefined
  tableBySet(entitySetName: string): TableDef | undefined
  /** Column by wire name (`name`, `_primarycontactid_value`). */
  column(table: TableDef, wireName: string): ColumnDef | undefined
  columnByLogicalName(table: TableDef, logicalName: string): ColumnDef | undefined
  navigation(table: TableDef, name: string): Navigation | undefined
  navigations(table: TableDef): readonly Navigation[]
}

export type Navigation =
  | {
      readonly kind: 'single'
      readonly name: string
      readonly relationship: OneToManyDef
      readonly column: ColumnDef
      readonly target: string
    }
  | { readonly kind: 'collection'; readonly name: string; readonly relationship: OneToManyDef; readonly target: string }
  | {
      readonly kind: 'manyToMany'
      readonly name: string
      readonly relationship: ManyToManyDef
      readonly target: string
    }

export function indexSchema(schema: Schema): SchemaIndex {
  const byLogical = new Map(schema.tables.map((t) => [t.logicalName, t]))
  const bySet = new Map(schema.tables.map((t) => [t.entitySetName, t]))
  const columns = new Map<TableDef, Map<string, ColumnDef>>()
  const columnsByLogical = new Map<TableDef, Map<string, ColumnDef>>()
  const navs = new Map<TableDef, Map<string, Navigation>>()
  for (const table of schema.tables) {
    columns.set(table, new Map(table.columns.map((c) => [c.wireName, c])))
    columnsByLogical.set(table, new Map(table.columns.map((c) => [c.logicalName, c])))
    navs.set(table, new Map())
  }
  const addNav = (tableName: string, nav: Navigation): void => {
    const table = byLogical.get(tableName)
    if (table) navs.get(table)?.set(nav.name, nav)
  }
  for (const rel of schema.oneToMany) {
    const referencing = byLogical.get(rel.referencingTable)
    const column = referencing && columnsByLogical.get(referencing)?.get(rel.referencingAttribute)
    if (!column)
      throw new Error(
        `Relationship ${rel.schemaName} names an unknown column ${rel.referencingTable}.${rel.referencingAttribute}`,
      )
    addNav(rel.referencingTable, {
      kind: 'single',
      name: rel.referencingNavigation,
      relationship: rel,
      column,
      target: rel.referencedTable,
    })
    addNav(rel.referencedTable, {
      kind: 'collection',
      name: rel.referencedNavigation,
      relationship: rel,
      target: rel.referencingTable,
    })
  }
  for (const rel of schema.manyToMany) {
    addNav(rel.table1, { kind: 'manyToMany', name: rel.navigation, relationship: rel, target: rel.table2 })
    addNav(rel.table2, { kind: 'manyToMany', name: rel.navigation, relationship: rel, target: rel.table1 })
  }
  // Owner lookups: `ownerid` navigates to the owning principal (systemuser or team).
  for (const table of schema.tables) {
    const owner = columnsByLogical.get(table)?.get('ownerid')
    const owning = schema.oneToMany.find(
      (r) => r.referencingTable === table.logicalName && r.referencingAttribute === 'owninguser',
    )
    if (owner && owning)
      navs
        .get(table)
        ?.set('ownerid', { kind: 'single', name: 'ownerid', relationship: owning, column: owner, target: 'systemuser' })
  }
  return {
    schema,
    table: (name) => byLogical.get(name),
    tableBySet: (name) => bySet.get(name),
    column: (table, wireName) => columns.get(table)?.get(wireName),
    columnByLogicalName: (table, logicalName) => columnsByLogical.get(table)?.get(logicalName),
    navigation: (table, name) => navs.get(table)?.get(name),
    navigations: (table) => [...(navs.get(table)?.values() ?? [])],
  }
}

/** Principals (users, teams) also answer with `ownerid`, their own id, as Dataverse's principal type declares it. */
export const PRINCIPAL_OWNER_ID: ColumnDef = { ...guidColumn('ownerid', 'Owner'), readOnly: true }

export const isLookupType = (type: ColumnType): boolean => type === 'lookup' || type === 'owner' || type === 'customer'
export const isChoiceType = (type: ColumnType): boolean => type === 'picklist' || type === 'state' || type === 'status'
