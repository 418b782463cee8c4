import { cloudOfHost, type Cloud } from '@common/clouds'
import type { Recognised } from '@common/diagnostics'

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)]
}

function all(text: string, pattern: RegExp, group = 1): string[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'
  return [...text.matchAll(new RegExp(pattern.source, flags))].map((match) => match[group] ?? '').filter(Boolean)
}

/** Dataverse codes arrive as hex (0x80040220) or as signed decimals (-2147220960); both become lower-case hex. */
export function hexFromDecimal(decimal: number): string {
  return '0x' + (decimal >>> 0).toString(16).padStart(8, '0')
}

function dataverseCodes(text: string): string[] {
  const hex = all(text, /\b0x(8[0-9a-f]{7})\b/i).map((code) => `0x${code.toLowerCase()}`)
  const decimal = all(text, /(?<![\w.-])(-21[34]\d{7})(?!\d)/)
    .map(Number)
    .filter((value) => value >= -2147483648)
    .map(hexFromDecimal)
    .filter((code) => code.startsWith('0x80'))
  return unique([...hex, ...decimal])
}

function aadstsCodes(text: string): string[] {
  return unique([
    ...all(text, /AADSTS(\d{5,8})/i),
    ...all(text, /"error_codes"\s*:\s*\[\s*(\d{5,8})/),
    // MSAL 2+: "Error(s): 7000215 - Timestamp"; MSAL 1.x: "7000215 - [2024-…]: AADSTS…"
    ...all(text, /Error\(s\):\s*(\d{5,8})\b/i),
    ...all(text, /\b(\d{5,8}) - \[\d{4}-\d{2}-\d{2}/),
    ...all(text, /\berrorNo["']?\s*[:=]\s*["']?(\d{5,8})\b/),
  ])
}

const STATUS_PATTERNS: readonly RegExp[] = [
  /\bHTTP\/\d(?:\.\d)?\s+(\d{3})\b/i,
  /\bHTTP\s+(\d{3})\b/,
  /\bstatus(?:[ _-]?code)?["']?\s*[:=]\s*["']?(\d{3})\b/i,
  /\bStatusCode\s*[:=]?\s*(\d{3})\b/,
  /\((\d{3})\)\s+(?:Unauthorized|Forbidden|Not Found|Bad Request|Proxy Authentication Required|Too Many Requests|Internal Server Error|Service Unavailable)/i,
  /\b(\d{3})\s+\((?:Unauthorized|Forbidden|Not Found|Bad Request|Proxy Authentication Required|Too Many Requests|Internal Server Error|Service Unavailable)\)/i,
  /\b(400|401|403|404|407|429|500|502|503)\s+(?:Unauthorized|Forbidden|Not Found|Bad Request|Proxy Authentication Required|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable)\b/i,
]

function httpStatus(text: string): number | undefined {
  for (const pattern of STATUS_PATTERNS) {
    const match = pattern.exec(text)
    if (match?.[1]) {
      const status = Number(match[1])
      if (status >= 100 && status <= 599) return status
    }
  }
  return undefined
}

function ids(text: string, label: string, jsonKey: string): string[] {
  return unique(
    [
      ...all(text, new RegExp(`${label}\\s*[:=]\\s*["']?(${GUID})`, 'i')),
      ...all(text, new RegExp(`"${jsonKey}"\\s*:\\s*"(${GUID})"`, 'i')),
    ].map((id) => id.toLowerCase()),
  )
}

function requestIds(text: string): string[] {
  const lists = [
    ...all(text, new RegExp(`x-ms-service-request-id["']?\\s*[:=]\\s*["']?((?:${GUID})(?:\\s*,\\s*${GUID})*)`, 'i')),
    ...all(text, new RegExp(`\\bREQ_ID\\s*[:=]\\s*(${GUID})`, 'i')),
    ...all(text, new RegExp(`\\b(?:client-)?request-?id["']?\\s*[:=]\\s*["']?(${GUID})`, 'i')),
  ]
  return unique(lists.flatMap((list) => list.split(/\s*,\s*/)).map((id) => id.toLowerCase()))
}

function hosts(text: string): string[] {
  const found = [
    ...all(text, /\bhttps?:\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/i),
    ...all(text, /\b(?:ENOTFOUND|EAI_AGAIN)\s+([a-z0-9.-]+\.[a-z]{2,})/i),
    ...all(text, /^Host:\s*([a-z0-9.-]+\.[a-z]{2,})/im),
    ...all(text, /\bHost: ([a-z0-9.-]+\.[a-z]{2,})\. is not in the cert's altnames/i),
    ...all(text, /remote name could not be resolved:\s*'([a-z0-9.-]+)'/i),
  ]
  return unique(found.map((host) => host.toLowerCase().replace(/\.$/, '')))
}

export function recognise(text: string): Recognised {
  const status = httpStatus(text)
  return {
    aadsts: aadstsCodes(text),
    dataverseCodes: dataverseCodes(text),
    ...(status !== undefined ? { httpStatus: status } : {}),
    traceIds: ids(text, 'Trace ?ID', 'trace_id'),
    correlationIds: ids(text, 'Correlation ?ID', 'correlation_id'),
    timestamps: unique(text.match(TIMESTAMP) ?? []),
    requestIds: requestIds(text),
    hosts: hosts(text),
  }
}

/**
 * The cloud a pasted text comes from, judged by the org, sign-in and portal hosts in it (the cloud
 * table); undefined when it names only commercial hosts or none, so the caller's default stands.
 */
export function cloudFromHosts(found: readonly string[]): Cloud | undefined {
  for (const host of found) {
    const cloud = cloudOfHost(host)
    if (cloud && cloud !== 'commercial') return cloud
  }
  return undefined
}
