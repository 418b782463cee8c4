import { fail } from './errors'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers'])

export const isGuid = (text: string): boolean => GUID.test(text)
export const isMultiTenantAlias = (segment: string): boolean => MULTI_TENANT.has(segment.toLowerCase())

export interface Tenant {
  readonly id: string
  readonly domain: string
  readonly displayName: string
}

/**
 * Resolves the `{tenant}` path segment as Entra does for the client-credentials grant:
 * `/common` and friends carry no tenant (50059), a malformed segment is 900023, and a well-formed
 * id or domain this directory does not know is 90002.
 */
export function requireTenant(segment: string, tenant: Tenant): void {
  if (isMultiTenantAlias(segment)) {
    fail(
      50059,
      'invalid_request',
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
    )
  }
  if (isGuid(segment)) {
    if (segment.toLowerCase() !== tenant.id) notFound(segment)
    return
  }
  if (DNS_NAME.test(segment)) {
    if (segment.toLowerCase() !== tenant.domain) notFound(segment)
    return
  }
  fail(
    900023,
    'invalid_request',
    `Specified tenant identifier '${segment}' is neither a valid DNS name, nor a valid external domain.`,
  )
}

function notFound(segment: string): never {
  return fail(
    90002,
    'invalid_tenant',
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. ` +
      'Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.',
  )
}
