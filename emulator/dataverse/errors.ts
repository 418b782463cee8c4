/**
 * Dataverse Web API errors: `{"error":{"code":"0x…","message":"…"}}` (wire §5). Handlers throw
 * DataverseFailure; the org app turns it into a response with the usual headers.
 */
import type { TableDef } from './schema'

export class DataverseFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
    this.name = 'DataverseFailure'
  }
}

export const fail = (status: number, code: string, message: string, headers?: Record<string, string>): never => {
  throw new DataverseFailure(status, code, message, headers)
}

export const typeName = (table: TableDef): string => `Microsoft.Dynamics.CRM.${table.logicalName}`

export const CODES = {
  resourceNotFound: '0x8006088a',
  odataError: '0x80060888',
  recordNotFound: '0x80040217',
  notMember: '0x80072560',
  userDisabled: '0x80040225',
  noRoles: '0x80042f09',
  missingPrivilege: '0x80040220',
  environmentDisabled: '0x8004a104',
  // [unsure] Dataverse's code for the admin-mode refusal is not documented; this is our choice.
  adminMode: '0x8004f50b',
  throttledRequests: '0x80072322',
  throttledExecutionTime: '0x80072321',
  throttledConcurrency: '0x80072326',
  unexpected: '0x80040216',
  versionMismatch: '0x80060882',
  duplicateKey: '0x80040237',
  validation: '0x80044331',
  invalidArgument: '0x80040203',
  notSupported: '0x80060891',
} as const

export const resourceNotFound = (segment: string): never =>
  fail(404, CODES.resourceNotFound, `Resource not found for the segment '${segment}'.`)

export const propertyNotFound = (table: TableDef, name: string): never =>
  fail(400, CODES.odataError, `Could not find a property named '${name}' on type '${typeName(table)}'.`)

export const recordNotFound = (table: TableDef, id: string): never =>
  fail(404, CODES.recordNotFound, `${table.logicalName} With Id = ${id} Does Not Exist`)
