import { describe, expect, it } from 'vitest'
import { isAllowedExternalLink } from '../../../../main/platform/links'

describe('external link allow-list', () => {
  it.each([
    'https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/overview',
    'https://login.microsoftonline.com/error?code=7000215',
    'https://login.microsoftonline.us/error?code=90002',
    'https://admin.powerplatform.microsoft.com/environments',
    'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps',
  ])('allows %s', (url) => expect(isAllowedExternalLink(url)).toBe(true))

  it.each([
    'http://learn.microsoft.com/',
    'https://learn.microsoft.com.attacker.example/',
    'https://attacker.example/learn.microsoft.com',
    'https://learn.microsoft.com:8443/',
    'https://a:b@learn.microsoft.com/',
    'file:///C:/Windows/System32/calc.exe',
    'ms-settings:privacy',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalLink(url)).toBe(false))
})
