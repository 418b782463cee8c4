import { describe, expect, it } from 'vitest'
import { operationCalls, type OperationCatalog } from '../../../../main/http/operations'
import { createTransport } from '../../../../main/http/transport'
import type { FetchLike, TransportPolicy } from '../../../../main/http/types'
import { failureOf } from '../../../support/failure-of'

const ORG = 'contoso.crm.dynamics.com'
const AUTH = 'login.microsoftonline.com'
const API = `https://${ORG}/api/data/v9.2`
const ID = '00000000-0000-0000-0000-000000000001'
const BATCH_TYPE = 'multipart/mixed; boundary=batch_1'

function recording() {
  const sent: string[] = []
  const base: FetchLike = async (request) => {
    sent.push(`${request.method} ${request.url}`)
    return new Response('{}', { headers: { 'content-type': 'application/json' } })
  }
  return { base, sent }
}

function readOnly(base: FetchLike, policy: Partial<TransportPolicy> = {}) {
  return createTransport(base, { orgHost: ORG, authorityHost: AUTH, readOnly: true, ...policy })
}

/** A `$batch` body from parts; each part is `[headers, request text]`. CRLF line ends as on the wire. */
function batchBody(boundary: string, parts: ReadonlyArray<string>): string {
  return parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--\r\n`
}

const get = (target: string, extraHeaders = '') =>
  `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ${target} HTTP/1.1\r\n${extraHeaders}Accept: application/json\r\n`

function postBatch(body: string, contentType: string | null = BATCH_TYPE): Request {
  const bytes = new TextEncoder().encode(body)
  return new Request(`${API}/$batch`, {
    method: 'POST',
    body: bytes,
    headers: contentType === null ? {} : { 'content-type': contentType },
  })
}

async function expectRefused(pending: Promise<unknown>, sent: string[], detail: RegExp) {
  const failure = await failureOf(pending)
  expect(failure.code).toBe('READ_ONLY')
  expect(failure.message).toMatch(detail)
  expect(failure.next).toMatch(/Read-only/)
  expect(sent).toHaveLength(0)
  return failure
}

describe('M1: the read-only $batch guard parses the multipart body', () => {
  it('M1 sends a batch made only of GETs to data and side-effect-free functions', async () => {
    const { base, sent } = recording()
    const body = batchBody('batch_1', [
      get('accounts?$select=name&$top=1'),
      get('/api/data/v9.2/WhoAmI'),
      get(`${API}/contacts(${ID})`),
    ])
    await readOnly(base)(postBatch(body))
    expect(sent).toEqual([`POST ${API}/$batch`])
  })

  it('M1 refuses a batch whose PATCH request line has a space in the URI', async () => {
    const { base, sent } = recording()
    const patch = `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPATCH /api/data/v9.2/accounts(${ID})?$select=name, accountid HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"name":"changed"}`
    await expectRefused(
      readOnly(base)(postBatch(batchBody('batch_1', [get('accounts'), patch]))),
      sent,
      /contains PATCH/,
    )
  })

  it('M1 refuses a DELETE inside a nested change set, whatever the change set boundary is called', async () => {
    const { base, sent } = recording()
    const changeSet = `Content-Type: multipart/mixed; boundary="cs 1"\r\n\r\n${batchBody('cs 1', [`Content-Type: application/http\r\nContent-ID: 1\r\n\r\nDELETE accounts(${ID}) HTTP/1.1\r\n`])}`
    await expectRefused(
      readOnly(base)(postBatch(batchBody('batch_1', [get('accounts'), changeSet]))),
      sent,
      /contains DELETE/,
    )
  })

  it('M1 refuses a change set even when it holds only GETs: change sets are for writes', async () => {
    const { base, sent } = recording()
    const nested = `Content-Type: multipart/mixed; boundary=inner_7\r\n\r\n${batchBody('inner_7', [get('contacts')])}`
    await expectRefused(readOnly(base)(postBatch(batchBody('batch_1', [get('accounts'), nested]))), sent, /change set/)
  })

  it('M1 refuses change sets nested deeper than the Web API allows', async () => {
    const { base, sent } = recording()
    const inner = `Content-Type: multipart/mixed; boundary=deep_2\r\n\r\n${batchBody('deep_2', [get('contacts')])}`
    const middle = `Content-Type: multipart/mixed; boundary=cs_1\r\n\r\n${batchBody('cs_1', [inner])}`
    await expectRefused(readOnly(base)(postBatch(batchBody('batch_1', [middle]))), sent, /nested deeper/)
  })

  it('M1 refuses a lower-case method, which the guard does not take for GET', async () => {
    const { base, sent } = recording()
    const lower = `Content-Type: application/http\r\n\r\ndelete accounts(${ID}) HTTP/1.1\r\n`
    await expectRefused(
      readOnly(base)(postBatch(batchBody('batch_1', [get('accounts'), lower]))),
      sent,
      /contains delete/,
    )
    const lowerGet = `Content-Type: application/http\r\n\r\nget accounts HTTP/1.1\r\n`
    await expectRefused(readOnly(base)(postBatch(batchBody('batch_1', [lowerGet]))), sent, /contains get/)
  })

  it('M1 refuses a GET part carrying a method-override header, in the part or in its request', async () => {
    const { base, sent } = recording()
    const inRequest = get(`accounts(${ID})`, 'X-HTTP-Method: DELETE\r\n')
    await expectRefused(readOnly(base)(postBatch(batchBody('batch_1', [inRequest]))), sent, /X-HTTP-Method/i)
    const inPart = `Content-Type: application/http\r\nX-HTTP-Method-Override: PATCH\r\n\r\nGET accounts HTTP/1.1\r\n`
    await expectRefused(readOnly(base)(postBatch(batchBody('batch_1', [inPart]))), sent, /X-HTTP-Method-Override/i)
  })

  it('M1 refuses a batch without a boundary or without a content type', async () => {
    const { base, sent } = recording()
    const body = batchBody('batch_1', [get('accounts')])
    await expectRefused(readOnly(base)(postBatch(body, 'multipart/mixed')), sent, /names no boundary/)
    await expectRefused(readOnly(base)(postBatch(body, null)), sent, /no Content-Type/)
    await expectRefused(readOnly(base)(postBatch(body, 'application/json')), sent, /not multipart\/mixed/)
  })

  it('M1 refuses a GET part to CalculateRollupField', async () => {
    const { base, sent } = recording()
    const rollup = get(`CalculateRollupField(Target=@t,FieldName='new_total')?@t={'@odata.id':'accounts(${ID})'}`)
    await expectRefused(
      readOnly(base)(postBatch(batchBody('batch_1', [get('accounts'), rollup]))),
      sent,
      /calls CalculateRollupField/,
    )
  })

  it.each([
    ['no closing boundary', `--batch_1\r\n${get('accounts')}\r\n`],
    ['a part without a Content-Type', batchBody('batch_1', [`\r\nGET accounts HTTP/1.1\r\n`])],
    [
      'a base64 part',
      batchBody('batch_1', [
        `Content-Type: application/http\r\nContent-Transfer-Encoding: base64\r\n\r\nREVMRVRFIGFjY291bnRz\r\n`,
      ]),
    ],
    [
      'a request line without an HTTP version',
      batchBody('batch_1', [`Content-Type: application/http\r\n\r\nGET accounts\r\n`]),
    ],
    ['a lone carriage return', batchBody('batch_1', [get('accounts')]).replace('Accept', '\rAccept')],
    [
      'a line that starts like the boundary',
      batchBody('batch_1', [get('accounts')]).replace('Accept', '--batch_1x\r\nAccept'),
    ],
    ['no parts at all', '--batch_1--\r\n'],
    ['a part to another host', batchBody('batch_1', [get('https://fabrikam.crm.dynamics.com/api/data/v9.2/accounts')])],
  ])('M1 refuses a batch it cannot read as the server would: %s', async (_name, body) => {
    const { base, sent } = recording()
    await expectRefused(readOnly(base)(postBatch(body)), sent, /\$batch/)
  })

  it('M1 leaves batches alone on a writable connection', async () => {
    const { base, sent } = recording()
    const body = batchBody('batch_1', [`Content-Type: application/http\r\n\r\nDELETE accounts(${ID}) HTTP/1.1\r\n`])
    await createTransport(base, { orgHost: ORG, authorityHost: AUTH, readOnly: false })(postBatch(body, null))
    expect(sent).toHaveLength(1)
  })
})

describe('L1: read-only refuses GETs to functions that may write', () => {
  it('L1 refuses a GET to CalculateRollupField with an explanation and the next step', async () => {
    const { base, sent } = recording()
    const url = `${API}/CalculateRollupField(Target=@tid,FieldName=@fn)?@tid={'@odata.id':'accounts(${ID})'}&@fn='new_total'`
    const failure = await expectRefused(readOnly(base)(new Request(url)), sent, /calls CalculateRollupField/)
    expect(failure.message).toMatch(/write data|plug-in/)
    expect(failure.next).toMatch(/non-production/)
    expect(failure.details).toMatchObject({ reason: 'operation' })
  })

  it('L1 refuses it however it is spelt: qualified, aliased, percent-encoded or lower case', async () => {
    const { base, sent } = recording()
    const send = readOnly(base)
    for (const path of [
      'Microsoft.Dynamics.CRM.CalculateRollupField(Target=@t,FieldName=@f)',
      'mscrm.CalculateRollupField(Target=@t,FieldName=@f)',
      '%43alculateRollupField(Target=@t,FieldName=@f)',
      'calculaterollupfield(Target=@t,FieldName=@f)',
      `knowledgearticles(${ID})/Microsoft.Dynamics.CRM.IncrementKnowledgeArticleViewCount(Source=1,ViewDate=@d,Location=1)`,
    ]) {
      await expectRefused(
        send(new Request(`${API}/${path}`)),
        sent,
        /calls (CalculateRollupField|calculaterollupfield|IncrementKnowledgeArticleViewCount)/,
      )
    }
  })

  it('L1 refuses an unknown custom API without metadata (conservative) and with metadata naming it', async () => {
    const { base, sent } = recording()
    await expectRefused(
      readOnly(base)(new Request(`${API}/contoso_RecalculateCredit(AccountId=@a)`)),
      sent,
      /calls contoso_RecalculateCredit/,
    )
    await expectRefused(
      readOnly(base)(new Request(`${API}/accounts(${ID})/Microsoft.Dynamics.CRM.contoso_Touch()`)),
      sent,
      /calls contoso_Touch/,
    )
    // Lower case looks like an entity set without metadata; the environment's metadata says otherwise.
    const catalog: OperationCatalog = {
      isOperation: (name) => name.toLowerCase() === 'contoso_recalc',
      isEntitySet: () => false,
    }
    await expectRefused(
      readOnly(base, { operations: catalog })(new Request(`${API}/contoso_recalc(x=1)`)),
      sent,
      /calls contoso_recalc/,
    )
  })

  it('L1 lets data reads, alternate keys, metadata casts and side-effect-free functions through', async () => {
    const { base, sent } = recording()
    const send = readOnly(base)
    const paths = [
      'accounts?$select=name&$top=3',
      `accounts(${ID})/primarycontactid`,
      "accounts(accountnumber='A1')",
      "accounts(accountnumber='A/1(x)')",
      'new_projects(new_code=7)',
      'WhoAmI',
      'WhoAmI()',
      'RetrieveVersion()',
      "RetrieveTotalRecordCount(EntityNames=['account'])",
      `systemusers(${ID})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`,
      `systemusers(${ID})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@t)`,
      "RetrieveUserSetOfPrivilegesByNames(PrivilegeNames=['prvReadAccount'])",
      "GetValidReferencedEntities(ReferencingEntityName='contact')",
      "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet",
      'activitypointers/Microsoft.Dynamics.CRM.email',
      '$metadata',
      '',
    ]
    for (const path of paths) await send(new Request(`${API}/${path}`))
    expect(sent).toHaveLength(paths.length)
  })

  it('L1 trusts the metadata for an entity set whose name is not lower case', async () => {
    const { base, sent } = recording()
    await expectRefused(readOnly(base)(new Request(`${API}/Contoso_Things(1)`)), sent, /calls Contoso_Things/)
    const catalog: OperationCatalog = { isOperation: () => false, isEntitySet: (name) => name === 'Contoso_Things' }
    await readOnly(base, { operations: catalog })(new Request(`${API}/Contoso_Things(1)`))
    expect(sent).toHaveLength(1)
  })

  it('L1 refuses X-HTTP-Method headers on a read-only connection, whatever the method', async () => {
    const { base, sent } = recording()
    const send = readOnly(base)
    for (const name of ['X-HTTP-Method', 'x-http-method-override', 'X-Method-Override']) {
      const failure = await expectRefused(
        send(new Request(`${API}/accounts(${ID})`, { headers: { [name]: 'DELETE' } })),
        sent,
        /another method/,
      )
      expect(failure.details).toMatchObject({ reason: 'override-header' })
    }
  })

  it('L1 refuses a path with a broken percent escape rather than guess what it calls', async () => {
    const { base, sent } = recording()
    await expectRefused(readOnly(base)(new Request(`${API}/Calculate%ZZRollupField()`)), sent, /percent escape/)
  })

  it('L1 does not inspect GETs on a writable connection or to the sign-in host', async () => {
    const { base, sent } = recording()
    await createTransport(base, { orgHost: ORG, authorityHost: AUTH })(
      new Request(`${API}/CalculateRollupField(Target=@t,FieldName=@f)`),
    )
    await readOnly(base)(new Request(`https://${AUTH}/tenant/v2.0/.well-known/openid-configuration`))
    expect(sent).toHaveLength(2)
  })

  it('L1 classifies segments: operations in order, with whether each is side-effect free', () => {
    expect(
      operationCalls(new URL(`${API}/accounts(${ID})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@t)`)),
    ).toEqual([{ name: 'RetrievePrincipalAccess', sideEffectFree: true }])
    expect(operationCalls(new URL(`${API}/CalculateRollupField(Target=@t)`))).toEqual([
      { name: 'CalculateRollupField', sideEffectFree: false },
    ])
    expect(operationCalls(new URL(`${API}/accounts`))).toEqual([])
    expect(operationCalls(new URL(`https://${ORG}/XRMServices/2011/Organization.svc`))).toEqual([])
  })
})
