/**
 * Presentation mode: identifiers that tie a screen share to a tenant or a person are masked
 * wherever they are shown — tenant and client ids, user ids and e-mail addresses. Record ids of
 * business data (accounts, contacts) stay readable: a demo needs them and they identify no one.
 */

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const GUID_ONLY = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g

/** Column or JSON key names whose GUID values identify a user, an app or a tenant. */
const IDENTITY_NAME =
  /(user|owner|owning|createdby|modifiedby|onbehalfby|caller|objectid|applicationid|tenant|clientid|appid|azureactivedirectory|principal|^oid$|^tid$)/i

export function maskGuid(value: string): string {
  return value.replace(GUID, (guid) => `${guid.slice(0, 4)}••••-••••-••••-••••-••••••••${guid.slice(-4)}`)
}

export function maskEmail(value: string): string {
  return value.replace(EMAIL, (email) => {
    const [local = '', domain = ''] = email.split('@')
    const dot = domain.lastIndexOf('.')
    const host = dot > 0 ? domain.slice(0, dot) : domain
    const tld = dot > 0 ? domain.slice(dot) : ''
    return `${local.slice(0, 1)}•••@${host.slice(0, 1)}•••${tld}`
  })
}

export function isIdentityColumn(name: string): boolean {
  return IDENTITY_NAME.test(name)
}

/** A grid cell's text: e-mail addresses always, GUIDs when the column holds identities. */
export function maskCell(columnName: string, text: string): string {
  const masked = maskEmail(text)
  return isIdentityColumn(columnName) && GUID_ONLY.test(masked.trim()) ? maskGuid(masked) : masked
}

/**
 * Free text (JSON view, raw view, snippets, status lines): e-mail addresses, the given known ids
 * (the connection's tenant and client id) anywhere, and GUIDs that are values of identity keys.
 */
export function maskText(text: string, knownIds: readonly string[] = []): string {
  let result = maskEmail(text)
  for (const id of knownIds) {
    if (id.length >= 8) result = result.split(id).join(maskGuid(id)).split(id.toUpperCase()).join(maskGuid(id.toUpperCase()))
  }
  return result.replace(
    /("([^"\\]*)"\s*:\s*")([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/gi,
    (whole, prefix: string, key: string, guid: string) => (isIdentityColumn(key) ? `${prefix}${maskGuid(guid)}"` : whole),
  )
}
