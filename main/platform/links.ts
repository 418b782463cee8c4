import { EXTERNAL_LINK_HOSTS } from '@common/contract/app'

/** True for https links to the Microsoft documentation and portal hosts we link to from fixes. */
export function isAllowedExternalLink(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  if (url.username || url.password || url.port) return false
  return (EXTERNAL_LINK_HOSTS as readonly string[]).includes(url.hostname.toLowerCase())
}
