import { describe, expect, it } from 'vitest'
import { explain, MAX_EXPLAIN_CHARS } from '../../../../main/diagnostics/explain'
import { hexFromDecimal, recognise } from '../../../../main/diagnostics/explain/recognise'

const G1 = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
const G2 = '9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4'

describe('explain()', () => {
  it('puts the secret ID mix-up next to the invalid secret and links the commercial lookup page', () => {
    const result = explain(
      `invalid_client: Error(s): 7000215 - Timestamp: 2026-11-26 09:00:00Z - Description: AADSTS7000215: Invalid client secret provided. - Correlation ID: ${G2} - Trace ID: ${G1}`,
    )
    expect(result.diagnoses.map((d) => d.id)).toEqual(['secret-invalid', 'secret-looks-like-id'])
    expect(result.diagnoses[0]).toMatchObject({
      confidence: 'high',
      matched: 'AADSTS7000215',
      docsUrl: 'https://login.microsoftonline.com/error?code=7000215',
    })
    expect(result.diagnoses[0]?.fix.join('\n')).toMatch(/Certificates & secrets/)
    expect(result.diagnoses[0]?.fix.join('\n')).toMatch(/"Value"/)
    expect(result.recognised).toMatchObject({
      aadsts: ['7000215'],
      traceIds: [G1],
      correlationIds: [G2],
      timestamps: ['2026-11-26 09:00:00Z'],
    })
  })

  it('links the lookup page on the cloud-correct login host', () => {
    expect(explain('AADSTS700016: Application not found', { cloud: 'gcc-high' }).diagnoses[0]?.docsUrl).toBe(
      'https://login.microsoftonline.us/error?code=700016',
    )
    expect(explain('AADSTS700016: Application not found', { cloud: 'china' }).diagnoses[0]?.docsUrl).toBe(
      'https://login.partner.microsoftonline.cn/error?code=700016',
    )
    expect(explain('AADSTS700016: Application not found', { cloud: 'gcc' }).diagnoses[0]?.docsUrl).toBe(
      'https://login.microsoftonline.com/error?code=700016',
    )
    // Without an explicit cloud, the hosts in the text decide.
    const inferred = explain('POST https://login.microsoftonline.us/x/oauth2/v2.0/token → AADSTS7000222')
    expect(inferred.cloud).toBe('gcc-high')
    expect(inferred.diagnoses[0]?.docsUrl).toBe('https://login.microsoftonline.us/error?code=7000222')
  })

  it('names the privilege and the table of a 0x80040220 fault', () => {
    const result = explain(
      '{"error":{"code":"0x80040220","message":"Principal user (Id=x, type=8, roleCount=1, privilegeCount=120, accessMode=4), is missing prvReadAccount privilege (Id=y) on OTC=1 for entity \'account\'."}}',
    )
    const top = result.diagnoses[0]
    expect(top?.id).toBe('missing-privilege')
    expect(top?.title).toBe('The application user lacks prvReadAccount on account')
    expect(top?.fix.join('\n')).toContain('find "account" and set Read to Organization')
    expect(top?.fix.join('\n')).toContain('Security roles')
  })

  it('derives the table from the privilege name when the message does not say it', () => {
    expect(explain('is missing prvAppendToContact privilege').diagnoses[0]?.title).toBe(
      'The application user lacks prvAppendToContact on contact',
    )
  })

  it('says which throttling limit was hit and when to retry', () => {
    const count = explain(
      'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 42\r\n\r\n{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}',
    )
    expect(count.diagnoses[0]?.title).toBe('Dataverse is throttling: too many requests')
    expect(count.diagnoses[0]?.cause).toContain('wait 42 seconds')
    expect(count.diagnoses[0]?.fix[0]).toBe('Wait 42 s, then retry.')
    const time = explain(
      '-2147015903 Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds',
    )
    expect(time.recognised.dataverseCodes).toEqual(['0x80072321'])
    expect(time.diagnoses[0]?.title).toBe('Dataverse is throttling: too much combined execution time')
    const concurrency = explain(
      '{"error":{"code":"0x80072326","message":"Number of concurrent requests exceeded the limit of 52."}}',
    )
    expect(concurrency.diagnoses[0]?.cause).toContain('concurrent requests')
    expect(concurrency.diagnoses[0]?.cause).toContain('as soon as some of the running requests have finished')
    const bare = explain('HTTP/1.1 429 Too Many Requests\nRetry-After: 7')
    expect(bare.diagnoses[0]).toMatchObject({ id: 'throttled', matched: 'HTTP 429 with Retry-After: 7' })
  })

  it('matches codes before phrases: a code match is high confidence, a phrase alone is medium', () => {
    expect(
      explain('{"error":{"code":"0x80072560","message":"The user is not a member of the organization."}}').diagnoses[0]
        ?.confidence,
    ).toBe('high')
    expect(explain('The user is not a member of the organization.').diagnoses[0]?.confidence).toBe('medium')
  })

  it('reads decimal Dataverse codes as their hex form', () => {
    expect(hexFromDecimal(-2147220960)).toBe('0x80040220')
    expect(recognise('hr = -2147209463').dataverseCodes).toEqual(['0x80042f09'])
    expect(recognise('line 2147209463 and -2147').dataverseCodes).toEqual([])
  })

  it('collects request ids, hosts and status from headers', () => {
    const recognised = recognise(
      `HTTP/1.1 500 Internal Server Error\nx-ms-service-request-id: ${G1}, ${G2}\nHost: contoso.crm.dynamics.com\nREQ_ID: ${G1}`,
    )
    expect(recognised.httpStatus).toBe(500)
    expect(recognised.requestIds).toEqual([G1, G2])
    expect(recognised.hosts).toEqual(['contoso.crm.dynamics.com'])
  })

  it('refuses to guess and says what it recognised when nothing matches', () => {
    const result = explain(`HTTP/1.1 403 Forbidden\nx-ms-service-request-id: ${G1}`)
    expect(result.matched).toBe(false)
    expect(result.diagnoses).toEqual([])
    expect(result.summary).toContain('will not guess')
    expect(result.summary).toContain('HTTP 403')
    expect(result.summary).toContain(G1)
  })

  it("points an unknown AADSTS code to Microsoft's lookup page instead of inventing a cause", () => {
    const result = explain('AADSTS9999999: new', { cloud: 'china' })
    expect(result.matched).toBe(false)
    expect(result.summary).toContain('https://login.partner.microsoftonline.cn/error?code=9999999')
  })

  it('says plainly when the text has nothing recognisable', () => {
    expect(explain('hello').summary).toMatch(/^Nothing recognisable/)
  })

  it('copes with very long pastes', () => {
    const long = 'x'.repeat(MAX_EXPLAIN_CHARS) + ' AADSTS7000215'
    expect(explain(long).matched).toBe(false)
    expect(explain('AADSTS7000215 ' + 'x'.repeat(MAX_EXPLAIN_CHARS * 2)).diagnoses[0]?.id).toBe('secret-invalid')
  })
})

describe('explain() on the wordings of diagnosis depth', () => {
  it('names the privilege and the depth a SecLib::CheckPrivilege failure asked for', () => {
    const top = explain(
      `SecLib::CheckPrivilege failed. User: ${G1}, PrivilegeName: prvWriteContact, PrivilegeId: ${G2}, Required Depth: Basic, BusinessUnitId: ${G1}`,
    ).diagnoses[0]
    expect(top?.id).toBe('missing-privilege')
    expect(top?.title).toBe('The application user lacks prvWriteContact on contact')
    expect(top?.cause).toContain('at least Basic depth')
  })

  it('tells a record-level denial from a missing privilege and names the access', () => {
    const write = explain(
      `SecLib::AccessCheckEx failed. Returned hr = -2147187962, ObjectID: ${G1}, AccessRights: WriteAccess`,
    )
    expect(write.recognised.dataverseCodes).toContain('0x80048306')
    expect(write.diagnoses[0]).toMatchObject({
      id: 'record-access-denied',
      confidence: 'high',
      title: 'The application user may not write this record',
    })
    expect(write.diagnoses[0]?.fix.join('\n')).toMatch(/share the record/i)
    expect(explain('SecLib::AccessCheckEx failed. AccessRights: 262148').diagnoses[0]?.title).toBe(
      'The application user may not append, share this record',
    )
    expect(explain('SecLib::AccessCheckEx failed. AccessRights: prvShareActivity').diagnoses[0]?.cause).toContain(
      '(Share)',
    )
  })

  it('puts the cause inside a plug-in error before the plug-in error itself', () => {
    const wrapped = explain(
      `{"error":{"code":"0x80040265","message":"An error occurred in the Contoso.Sync plug-in. Principal user is missing prvReadcontoso_region privilege"}}`,
    )
    expect(wrapped.diagnoses.map((d) => d.id)).toEqual(['missing-privilege', 'plugin-error'])
    const alone = explain('{"error":{"code":"0x80040265","message":"Closed invoices cannot change."}}')
    expect(alone.diagnoses[0]).toMatchObject({
      id: 'plugin-error',
      confidence: 'high',
      matched: 'Dataverse error 0x80040265',
    })
  })

  it('names the navigation property of an undeclared-property write error', () => {
    const top = explain(
      "An undeclared property 'new_ProjectID' which only has property annotations in the payload but no property value was found",
    ).diagnoses[0]
    expect(top?.title).toBe('"new_ProjectID" is not a navigation property of this table')
    expect(top?.cause).toContain('"new_ProjectID@odata.bind"')
  })

  it('lets the segment message, not 0x80060888, decide and keeps the segment name', () => {
    const quoted = explain(
      `{"error":{"code":"0x80060888","message":"Resource not found for the segment 'ListTables'."}}`,
    )
    expect(quoted.diagnoses[0]).toMatchObject({
      id: 'query-unknown-segment',
      confidence: 'high',
      title: '"ListTables" is not a table or function of this environment',
    })
    expect(explain('Resource not found for the segment contact.').diagnoses[0]?.title).toBe(
      '"contact" is not a table or function of this environment',
    )
  })

  it('names the host pac could not resolve an authority for', () => {
    const top = explain("Error: Can't resolve AAD/OAuth authority for https://crm.contoso.local/api/data/v9")
      .diagnoses[0]
    expect(top).toMatchObject({ id: 'url-not-dataverse', confidence: 'medium' })
    expect(top?.cause).toContain('on-premises')
  })

  it('links the lookup page of the federated-credential code that matched', () => {
    const top = explain('AADSTS7002138: No matching federated identity record found for presented assertion subject', {
      cloud: 'gcc-high',
    }).diagnoses[0]
    expect(top).toMatchObject({
      id: 'federated-credential-mismatch',
      docsUrl: 'https://login.microsoftonline.us/error?code=7002138',
    })
    expect(explain('No matching federated identity record found').diagnoses[0]?.docsUrl).toBe(
      'https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
    )
  })

  it('recommends a certificate or a federated credential when a policy blocks secrets', () => {
    const top = explain(
      'New-MgApplicationPassword: Credential type not allowed: passwordAddition is restricted by policy',
    ).diagnoses[0]
    expect(top?.id).toBe('secret-blocked-by-policy')
    expect(top?.fix.join('\n')).toMatch(/certificate/)
    expect(top?.fix.join('\n')).toMatch(/federated credential/)
  })
})
