/**
 * The network settings file (`network.json`): an explicit proxy and extra trusted root CA files.
 * Each host applies them to its base fetch (Node: undici agent; Electron: the network session's
 * proxy and certificate check). CA files are checked when added and again when shown.
 */
import { DEFAULT_NETWORK_SETTINGS, NetworkSettingsSchema, type NetworkSettings } from '@common/connection'
import type { CaTrust } from '@common/contract/connections'
import { describeCaFile, readCaFile, type TrustedCaFile } from '../connections/network-settings'
import type { StoreBackend } from '../store/backend'
import { createDocumentStore, type DocumentStore } from '../store/document-store'

export const NETWORK_STORE_NAME = 'network'

export function createNetworkStore(backend: StoreBackend): DocumentStore<NetworkSettings> {
  return createDocumentStore({
    backend,
    label: 'network settings',
    schema: NetworkSettingsSchema,
    version: 1,
    empty: () => ({ ...DEFAULT_NETWORK_SETTINGS }),
  })
}

interface NetworkView {
  readonly settings: NetworkSettings
  readonly caFiles: TrustedCaFile[]
  /** Why the settings could not be applied the last time, or null. */
  readonly applyProblem: string | null
  readonly caTrust: CaTrust
}

export interface NetworkService {
  view(): NetworkView
  /** Saves the proxy settings and applies them at once. */
  saveProxy(proxyUrl: string | null, noProxy: string): Promise<NetworkView>
  /** Adds a PEM root CA file (checked first) and applies it at once. */
  addCaFile(path: string): Promise<NetworkView>
  removeCaFile(path: string): Promise<NetworkView>
  /** Applies what is saved; at start-up. A damaged file is reported by view() and the defaults apply. */
  applySaved(): Promise<void>
}

export function createNetworkService(
  store: DocumentStore<NetworkSettings>,
  apply: (settings: NetworkSettings) => Promise<void>,
  caTrust: CaTrust,
): NetworkService {
  let applyProblem: string | null = null
  const current = (): NetworkSettings => (store.problem() ? { ...DEFAULT_NETWORK_SETTINGS } : store.read())
  const applying = async (settings: NetworkSettings) => {
    try {
      await apply(settings)
      applyProblem = null
    } catch (error) {
      applyProblem = error instanceof Error ? error.message : String(error)
    }
  }
  const view = (): NetworkView => {
    const settings = store.read()
    return { settings, caFiles: settings.extraCaFiles.map((path) => describeCaFile(path)), applyProblem, caTrust }
  }
  const change = async (update: (settings: NetworkSettings) => NetworkSettings): Promise<NetworkView> => {
    const next = store.update((settings) => NetworkSettingsSchema.parse(update(settings)))
    await applying(next)
    return view()
  }
  return {
    view,
    saveProxy: (proxyUrl, noProxy) =>
      change((settings) => ({
        ...settings,
        proxyUrl: proxyUrl?.trim() ? proxyUrl.trim() : null,
        noProxy: noProxy.trim(),
      })),
    addCaFile: async (path) => {
      readCaFile(path)
      return change((settings) => ({
        ...settings,
        extraCaFiles: settings.extraCaFiles.includes(path) ? settings.extraCaFiles : [...settings.extraCaFiles, path],
      }))
    },
    removeCaFile: (path) =>
      change((settings) => ({ ...settings, extraCaFiles: settings.extraCaFiles.filter((file) => file !== path) })),
    applySaved: () => applying(current()),
  }
}

/** The extra roots and proxy the base fetch uses, for the check's own DNS and TLS probes. */
export function checkNetwork(
  network: NetworkService,
  commandLine: { readonly trustedCa: readonly string[]; readonly proxy: string | null } = {
    trustedCa: [],
    proxy: null,
  },
): { trustedCa: string[]; proxy: string | null } {
  let view: NetworkView
  try {
    view = network.view()
  } catch {
    // A damaged settings file means the defaults apply (the settings dialog says so).
    return { trustedCa: [...commandLine.trustedCa], proxy: commandLine.proxy }
  }
  const pem = (path: string): string[] => {
    try {
      return readCaFile(path).map((certificate) => certificate.toString())
    } catch {
      // Unreadable files are left out of the base fetch too, and listed with their problem in the settings.
      return []
    }
  }
  const trustedCa = view.caFiles.filter((file) => file.problem === null).flatMap((file) => pem(file.path))
  return { trustedCa: [...trustedCa, ...commandLine.trustedCa], proxy: commandLine.proxy ?? view.settings.proxyUrl }
}
