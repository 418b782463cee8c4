/**
 * XrmToolBox connection files (MscrmTools.Xrm.Connection): XML `<CrmConnections><Connections>…<ConnectionDetail>`.
 *
 * Format: MscrmTools/MscrmTools.Xrm.Connection, McTools.Xrm.Connection/CrmConnections.cs (LoadFromFile and
 * SerializeToFile) and ConnectionDetail.cs: each ConnectionDetail has ConnectionName, OriginalUrl,
 * WebApplicationUrl, AzureAdAppId, TenantId, NewAuthType (ClientSecret, Certificate, OAuth, …), CertificateInfo
 * (Thumbprint), ConnectionString, and the secrets ClientSecret / S2SClientSecret / UserPassword, which
 * XrmToolBox stores encrypted. Those are never decrypted or kept: every connection is imported without its
 * secret, and the result says so.
 */
import { SaxesParser } from 'saxes'
import { parseConnectionString } from '../transfer'
import { collect, toEntry, type ToolParse } from './entry'

type Detail = Record<string, string>

const SECRET_ELEMENTS = new Set(['ClientSecret', 'S2SClientSecret', 'UserPassword', 'Password', 'RefreshToken'])

/** Each ConnectionDetail as element name → text (CertificateInfo's Thumbprint as "Certificate.Thumbprint"). */
function readDetails(text: string): Detail[] {
  const parser = new SaxesParser({ xmlns: false, position: false })
  const details: Detail[] = []
  const path: string[] = []
  let current: Detail | null = null
  let sawRoot = false
  let buffer = ''
  parser.on('opentag', (tag) => {
    if (path.length === 0) sawRoot = tag.name === 'CrmConnections'
    path.push(tag.name)
    buffer = ''
    if (tag.name === 'ConnectionDetail') current = Object.create(null) as Detail
  })
  parser.on('text', (value) => {
    buffer += value
  })
  parser.on('cdata', (value) => {
    buffer += value
  })
  parser.on('closetag', (tag) => {
    path.pop()
    if (tag.name === 'ConnectionDetail' && current) {
      details.push(current)
      current = null
    } else if (current) {
      const parent = path.at(-1)
      const key =
        parent === 'CertificateInfo' ? `Certificate.${tag.name}` : parent === 'ConnectionDetail' ? tag.name : null
      // A secret's (encrypted) value is not even held in memory past this point.
      if (key && !SECRET_ELEMENTS.has(key)) current[key] = buffer.trim()
      else if (key && buffer.trim()) current[key] = 'present'
    }
    buffer = ''
  })
  try {
    parser.write(text).close()
  } catch (error) {
    throw new Error(
      `The file is not well-formed XML (${error instanceof Error ? error.message.split('\n')[0] : 'parse error'}).`,
    )
  }
  if (!sawRoot)
    throw new Error('The file is XML but not an XrmToolBox connection file (its root is not <CrmConnections>).')
  return details
}

function authKind(detail: Detail, pairs: Map<string, string> | null): 'secret' | 'certificate' | string {
  if (detail['Certificate.Thumbprint'] || (pairs?.get('authtype') ?? '').toLowerCase() === 'certificate')
    return 'certificate'
  const newAuthType = (detail.NewAuthType ?? '').toLowerCase()
  if (newAuthType === 'clientsecret' || newAuthType === 'certificate')
    return newAuthType === 'certificate' ? 'certificate' : 'secret'
  const fromString = (pairs?.get('authtype') ?? '').toLowerCase()
  if (fromString === 'clientsecret') return 'secret'
  if (detail.ClientSecret === 'present' || detail.S2SClientSecret === 'present') return 'secret'
  return fromString || newAuthType || (detail.UserName ? 'user name and password' : 'unknown')
}

function pairsOf(connectionString: string | undefined): Map<string, string> | null {
  if (!connectionString) return null
  const pairs = parseConnectionString(connectionString)
  return new Map([...pairs].map(([key, value]) => [key.toLowerCase(), value]))
}

export function parseXrmToolBox(text: string): ToolParse {
  const details = readDetails(text)
  const result: ToolParse = {
    entries: [],
    skipped: [],
    notes: [
      'XrmToolBox stores passwords and client secrets encrypted in the file; they were not decrypted or imported. Enter each secret in the editor.',
    ],
  }
  details.forEach((detail, index) => {
    const name = detail.ConnectionName || `Connection ${index + 1}`
    const pairs = pairsOf(detail.ConnectionString)
    const kind = authKind(detail, pairs)
    if (kind !== 'secret' && kind !== 'certificate') {
      result.skipped.push({
        name,
        reason: `it signs in as a user (${kind}); the workbench signs in as an application user (client secret or certificate) only.`,
      })
      return
    }
    collect(
      result,
      name,
      toEntry({
        name,
        url: detail.OriginalUrl || detail.WebApplicationUrl || pairs?.get('url') || pairs?.get('serviceuri'),
        clientId: detail.AzureAdAppId || pairs?.get('clientid') || pairs?.get('appid'),
        tenantId: detail.TenantId,
        ...(kind === 'certificate'
          ? { certificate: { thumbprint: detail['Certificate.Thumbprint'] || pairs?.get('thumbprint') || null } }
          : {}),
        notes: [`Imported from XrmToolBox connection "${name}".`],
      }),
    )
  })
  if (details.length === 0) result.notes.push('The file holds no ConnectionDetail.')
  return result
}
