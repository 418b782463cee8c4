/**
 * The dynamics-web-api side of dynamics-web-api.test.ts, run in a child process: the library makes
 * its own https.Agent, which trusts the emulator's CA only through NODE_EXTRA_CA_CERTS given at
 * start. Each case's outcome (the library's answer or its error object) goes to stdout as JSON.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DynamicsWebApi } from 'dynamics-web-api'
import { createNodeFetch } from '../../../main/http/node-fetch'
import { emulatorConnection, emulatorQueryKit } from '../../support/emulator-session'

export interface ClientTarget {
  readonly orgUrl: string
  readonly authorityUrl: string
  readonly caPem: string
  readonly contactId: string
}

export type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Record<string, unknown> }

const target = JSON.parse(process.env.DVW_CLIENT_TARGET ?? '{}') as ClientTarget
const dir = await mkdtemp(join(tmpdir(), 'dvw-dwa-'))
const outcomes: Record<string, Outcome> = {}
try {
  // A real MSAL client-credentials token from the emulator's authority, through the product's transport.
  const kit = emulatorQueryKit(dir, {
    base: createNodeFetch({ ca: [target.caPem], proxyUrl: null }),
    connection: emulatorConnection(target.orgUrl, target.authorityUrl),
  })
  const token = (await kit.session.getToken()).accessToken
  const api = new DynamicsWebApi({
    serverUrl: target.orgUrl,
    dataApi: { version: '9.2' },
    onTokenRefresh: async () => token,
  })
  const fetchXml =
    '<fetch count="700"><entity name="contact"><attribute name="fullname"/><attribute name="contactid"/><order attribute="fullname"/></entity></fetch>'

  const cases: Record<string, () => Promise<unknown>> = {
    query: () =>
      api.retrieveMultiple({
        collection: 'contacts',
        select: ['fullname', 'emailaddress1'],
        filter: "startswith(fullname,'A')",
        orderBy: ['fullname desc'],
        top: 25,
        count: true,
      }),
    pageSize: async () => {
      const first = await api.retrieveMultiple({ collection: 'contacts', select: ['fullname'], maxPageSize: 300 })
      const second = await api.retrieveMultiple(
        { collection: 'contacts', select: ['fullname'], maxPageSize: 300 },
        first.oDataNextLink,
      )
      return { first, second }
    },
    retrieveAll: () => api.retrieveAll({ collection: 'contacts', select: ['contactid'], maxPageSize: 1000 }),
    byKey: () => api.retrieve({ collection: 'contacts', key: target.contactId, select: ['fullname', 'emailaddress1'] }),
    fetchAll: () =>
      api.fetchAll({
        collection: 'contacts',
        fetchXml,
        includeAnnotations: 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie',
      }),
    fetchAllUnannotated: () => api.fetchAll({ collection: 'contacts', fetchXml }),
    fetchPage: () =>
      api.fetch({
        collection: 'contacts',
        fetchXml,
        includeAnnotations: 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie',
      }),
    formatted: () =>
      api.retrieveMultiple({
        collection: 'accounts',
        select: ['name', 'industrycode', 'revenue', '_primarycontactid_value'],
        filter: 'industrycode ne null',
        top: 5,
        includeAnnotations: '*',
      }),
    expand: () =>
      api.retrieveMultiple({
        collection: 'contacts',
        select: ['fullname'],
        expand: [{ property: 'parentcustomerid_account', select: ['name'] }],
        top: 10,
      }),
    batchReads: () => {
      api.startBatch()
      void api.retrieveMultiple({ collection: 'contacts', select: ['fullname'], top: 3 })
      void api.retrieve({ collection: 'contacts', key: target.contactId, select: ['fullname'] })
      void api.count({ collection: 'accounts' })
      return api.executeBatch()
    },
    batchChangeSet: () => {
      api.startBatch()
      void api.create({ collection: 'accounts', data: { name: 'DWA batch account' }, contentId: '1' })
      void api.create({
        collection: 'contacts',
        data: { lastname: 'DWA batch contact', 'parentcustomerid_account@odata.bind': '$1' },
        contentId: '2',
      })
      void api.update({ contentId: '$1', data: { telephone1: '555-0199' } })
      void api.retrieveMultiple({
        collection: 'accounts',
        select: ['name', 'telephone1'],
        filter: "name eq 'DWA batch account'",
      })
      return api.executeBatch()
    },
    batchFailure: () => {
      api.startBatch()
      void api.create({ collection: 'accounts', data: { name: 'DWA rolled back' } })
      void api.create({ collection: 'accounts', data: { name: 'x'.repeat(161) } })
      return api.executeBatch()
    },
    batchAfterFailure: () => api.retrieveMultiple({ collection: 'accounts', filter: "name eq 'DWA rolled back'" }),
    badSegment: () => api.retrieveMultiple({ collection: 'nosuchthings' }),
    badColumn: () => api.retrieveMultiple({ collection: 'contacts', select: ['nosuchcolumn'] }),
  }
  for (const [name, run] of Object.entries(cases)) {
    try {
      outcomes[name] = { ok: true, value: await run() }
    } catch (error) {
      outcomes[name] = {
        ok: false,
        error: { ...(error as Record<string, unknown>), message: (error as Error).message },
      }
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
process.stdout.write(JSON.stringify(outcomes))
