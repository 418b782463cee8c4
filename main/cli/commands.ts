import type { CommandEntry } from './program'

/**
 * Every `dvw` sub-command, in the order `dvw --help` lists them: one entry per command, its
 * one-line summary for the list, and a loader. Only the command that runs is loaded, so
 * `dvw --help`, `dvw url` or `dvw explain` never load MSAL, undici, exceljs or the emulator.
 * To add a command, add one entry; its module exports the registrar, as before.
 */
export const commands: readonly CommandEntry[] = [
  {
    name: 'check',
    summary:
      'test an app-user connection end to end and say what to fix: exit 0 when every step passes or warns, 1 when one fails',
    load: async () => (await import('./commands/check')).registerCheck,
  },
  {
    name: 'url',
    summary: 'understand any Dataverse URL: org URL, Web API base, scope, cloud, region and sign-in host',
    load: async () => (await import('./commands/url')).registerUrl,
  },
  {
    name: 'explain',
    summary: 'explain an error: AADSTS/MSAL text, a Dataverse fault, an HTTP response or a network/TLS error',
    load: async () => (await import('./commands/explain')).registerExplain,
  },
  {
    name: 'token',
    summary: 'work with access tokens',
    load: async () => (await import('./commands/token')).registerToken,
  },
  {
    name: 'emulator',
    summary: 'Run the offline Entra ID + Dataverse emulator over HTTPS on 127.0.0.1 (until Ctrl+C).',
    load: async () => (await import('./commands/emulator')).registerEmulator,
  },
  {
    name: 'query',
    summary: 'run a Web API query (OData, or FetchXML with --fetchxml) and print or save the rows',
    load: async () => (await import('./commands/query')).registerQuery,
  },
  {
    name: 'metadata',
    summary: "summarise the environment's metadata index: tables, columns, relationships, functions",
    load: async () => (await import('./commands/metadata')).registerMetadata,
  },
  {
    name: 'connections',
    summary: 'the connections the desktop app keeps (DVW_DATA_DIR overrides where): list, import, export',
    load: async () => (await import('./commands/connections')).registerConnections,
  },
  {
    name: 'environments',
    summary: "list the tenant's environments (name, URL, type, region, state) through the Power Platform API",
    load: async () => (await import('./commands/environments')).registerEnvironments,
  },
]
