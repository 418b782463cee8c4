import { ReportInputSchema, type ReportInput } from '@common/diagnostics'

/** Keeps enough of an identifier to tell two apart in a ticket thread, not enough to use it. */
export function maskId(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length)
  return `${value.slice(0, 4)}…${value.slice(-4)}`
}

/** https://contoso.crm4.dynamics.com → https://*******.crm4.dynamics.com: the cloud and region stay readable. */
export function maskEnvironment(url: string): string {
  try {
    const parsed = new URL(url)
    const [org, ...rest] = parsed.hostname.split('.')
    return `${parsed.protocol}//${'*'.repeat(Math.max(org?.length ?? 0, 3))}.${rest.join('.')}`
  } catch {
    return maskId(url)
  }
}

export function replaceEverywhere<T>(value: T, replacements: readonly [string, string][]): T {
  let json = JSON.stringify(value)
  for (const [from, to] of replacements) {
    if (!from) continue
    // Ids appear in any case and URLs with or without their trailing slash.
    const variants = new Set([from, from.toLowerCase(), from.toUpperCase(), from.replace(/\/+$/, '')])
    for (const variant of variants)
      json = json.split(JSON.stringify(variant).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))
  }
  return JSON.parse(json) as T
}

/**
 * Validates a report's input (strictly: an unexpected field is an error, so nothing can ride
 * along) and applies the masks to every place the masked values appear, not just the header.
 */
export function prepareReport(raw: ReportInput): ReportInput {
  const input = ReportInputSchema.parse(raw)
  const replacements: [string, string][] = []
  const host = (url: string) => {
    try {
      return new URL(url).hostname
    } catch {
      return url
    }
  }
  if (input.mask.environment) {
    const masked = maskEnvironment(input.subject.environmentUrl)
    replacements.push([input.subject.environmentUrl, masked], [host(input.subject.environmentUrl), host(masked)])
  }
  if (input.mask.tenant) replacements.push([input.subject.tenantId, maskId(input.subject.tenantId)])
  if (input.mask.app) replacements.push([input.subject.clientId, maskId(input.subject.clientId)])
  return replaceEverywhere(input, replacements)
}
