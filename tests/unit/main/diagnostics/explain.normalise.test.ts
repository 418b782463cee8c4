import { describe, expect, it } from 'vitest'
import { normalise } from '../../../../main/diagnostics/explain/normalise'

describe('normalise()', () => {
  it('drops log timestamps, levels and pipeline commands and joins wrapped lines', () => {
    const log = [
      '2026-11-26T09:00:00.1234567Z ##[error]The user is not a member',
      '2026-11-26T09:00:00.1234568Z ##[error]of the organization.',
      '[2026-11-26 09:00:01] [ERROR] next',
      'Nov 26 09:00:02 worker42 kept',
      'E1027 23:39:22.893319       1 token_credential.go:62] klog line',
      '##vso[task.complete result=Failed;]done',
    ].join('\n')
    expect(normalise(log)).toBe('The user is not a member of the organization. next worker42 kept klog line done')
  })

  it('undoes JSON escapes, also when a body was escaped twice, and HTML entities', () => {
    expect(normalise('{\\"message\\":\\"can\\u0027t\\\\r\\\\nread\\"}')).toBe(`{"message":"can't read"}`)
    expect(normalise('&lt;Message&gt;entity &#39;account&#39; &amp; &#x27;x&#x27;&lt;/Message&gt;')).toBe(
      "<Message>entity 'account' & 'x'</Message>",
    )
  })

  it('removes PowerShell position lines but keeps the message', () => {
    const record =
      'Invoke-RestMethod : Access has been blocked\r\nAt line:1 char:1\r\n+ Invoke-RestMethod -Uri $u\r\n+ ~~~~~~~~~~~~~~~~~\r\n    + CategoryInfo          : InvalidOperation\r\nAt C:\\scripts\\t.ps1:12 char:10'
    expect(normalise(record)).toBe('Invoke-RestMethod : Access has been blocked + Invoke-RestMethod -Uri $u')
  })
})
