/**
 * A stand-in for the `electron` module, for tests of main/electron/**, main/index.ts and preload.
 * It records what our code asks of Electron so the tests can assert the exact settings.
 * Use: vi.mock('electron', () => import('./electron-mock')) and import the fakes from 'electron'.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { vi } from 'vitest'

type Listener = (...args: unknown[]) => unknown

class Emitter {
  readonly listeners = new Map<string, Listener[]>()
  on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  })
  once = this.on
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args))
  }
}

export class FakeWebContents extends Emitter {
  private static nextId = 1
  readonly id = FakeWebContents.nextId++
  readonly mainFrame = { url: 'app://workbench/index.html', parent: null as unknown }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler
  })
  send = vi.fn()
}

/** Electron's IncomingMessage is a Node Readable with the status and headers on it. */
export class FakeIncomingMessage extends PassThrough {
  constructor(
    readonly statusCode: number,
    readonly headers: Record<string, string | string[]>,
    readonly statusMessage = '',
  ) {
    super()
  }
}

/**
 * A ClientRequest from net.request: records what was asked and lets the test play the server's
 * part with the events Chromium's loader emits ('redirect', 'response', 'error').
 */
export class FakeClientRequest extends Emitter {
  readonly headers = new Map<string, string>()
  readonly written: Buffer[] = []
  ended = false
  aborted = false
  constructor(readonly options: Record<string, unknown>) {
    super()
  }
  setHeader = vi.fn((name: string, value: string) => void this.headers.set(name.toLowerCase(), value))
  write = vi.fn((chunk: Buffer) => void this.written.push(chunk))
  end = vi.fn(() => {
    this.ended = true
    queueMicrotask(() => net.server(this))
  })
  abort = vi.fn(() => {
    if (this.aborted) return
    this.aborted = true
    this.emit('abort')
  })
  followRedirect = vi.fn()
  redirect(status: number, location: string, headers: Record<string, string[]> = {}): void {
    this.emit('redirect', status, this.options.method, location, { location: [location], ...headers })
  }
  respond(status: number, headers: Record<string, string | string[]>, body?: string | Buffer): FakeIncomingMessage {
    const message = new FakeIncomingMessage(status, headers)
    this.emit('response', message)
    if (body !== undefined) message.end(body)
    return message
  }
}

export const net = {
  requests: [] as FakeClientRequest[],
  /** Plays the server for each request once it is ended; a test replaces it. */
  server: (request: FakeClientRequest): void => void request.respond(200, { 'content-type': 'text/plain' }, 'ok'),
  request: vi.fn((options: Record<string, unknown>) => {
    const request = new FakeClientRequest(options)
    net.requests.push(request)
    return request
  }),
}

export class FakeSession {
  permissionRequestHandler: Listener | undefined
  permissionCheckHandler: Listener | undefined
  devicePermissionHandler: Listener | undefined
  displayMediaHandler: Listener | undefined
  setPermissionRequestHandler = vi.fn((handler: Listener) => (this.permissionRequestHandler = handler))
  setPermissionCheckHandler = vi.fn((handler: Listener) => (this.permissionCheckHandler = handler))
  setDevicePermissionHandler = vi.fn((handler: Listener) => (this.devicePermissionHandler = handler))
  setDisplayMediaRequestHandler = vi.fn((handler: Listener) => (this.displayMediaHandler = handler))
}

class FakeApp extends Emitter {
  isPackaged = false
  singleInstanceLock = true
  requestSingleInstanceLock = vi.fn(() => this.singleInstanceLock)
  whenReady = vi.fn(async () => undefined)
  quit = vi.fn()
  exit = vi.fn()
  getName = vi.fn(() => 'Dataverse Workbench')
  getVersion = vi.fn(() => '0.1.0')
  paths = new Map<string, string>([['userData', '/tmp/dvw-mock-user-data']])
  getPath = vi.fn((name: string) => this.paths.get(name) ?? `/tmp/dvw-mock-${name}`)
  setPath = vi.fn((name: string, value: string) => void this.paths.set(name, value))
}

export const app = new FakeApp()

export class BrowserWindow extends Emitter {
  static readonly created: BrowserWindow[] = []
  static getFocusedWindow = vi.fn((): BrowserWindow | null => null)
  readonly webContents = new FakeWebContents()
  readonly options: unknown
  loadURL = vi.fn(async (_url: string) => undefined)
  show = vi.fn()
  focus = vi.fn()
  restore = vi.fn()
  maximize = vi.fn()
  isMinimized = vi.fn(() => false)
  isMaximized = vi.fn(() => false)
  getNormalBounds = vi.fn(() => ({ x: 0, y: 0, width: 1360, height: 860 }))
  constructor(options: unknown) {
    super()
    this.options = options
    BrowserWindow.created.push(this)
  }
}

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
}

export class FakeNetworkSession extends FakeSession {
  readonly partition: string
  setProxy = vi.fn(async (_config: unknown) => undefined)
  verifyProc: Listener | undefined
  setCertificateVerifyProc = vi.fn((proc: Listener) => {
    this.verifyProc = proc
  })
  closeAllConnections = vi.fn(async () => undefined)
  constructor(partition: string) {
    super()
    this.partition = partition
  }
}

export const session = {
  defaultSession: new FakeSession(),
  partitions: new Map<string, FakeNetworkSession>(),
  fromPartition: vi.fn((partition: string) => {
    const existing = session.partitions.get(partition)
    if (existing) return existing
    const created = new FakeNetworkSession(partition)
    session.partitions.set(partition, created)
    return created
  }),
}

/**
 * safeStorage stand-in that really encrypts (AES-256-GCM with a per-process key), so tests can
 * prove a secret is not on disk in clear text. The OS keychain is the one boundary we fake.
 */
const safeStorageKey = randomBytes(32)
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptString: vi.fn((plain: string) => {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', safeStorageKey, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body])
  }),
  decryptString: vi.fn((encrypted: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', safeStorageKey, encrypted.subarray(0, 12))
    decipher.setAuthTag(encrypted.subarray(12, 28))
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8')
  }),
}

export const clipboard = { texts: [] as string[], writeText: vi.fn((text: string) => void clipboard.texts.push(text)) }

export const dialog = {
  nextOpen: { canceled: true, filePaths: [] as string[] },
  nextSave: { canceled: true, filePath: undefined as string | undefined },
  showOpenDialog: vi.fn(async (..._args: unknown[]) => dialog.nextOpen),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => dialog.nextSave),
  nextMessageResponse: 0,
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({
    response: dialog.nextMessageResponse,
    checkboxChecked: false,
  })),
}
export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  openPath: vi.fn(async (_path: string) => ''),
}

/** Displays by work area; a test replaces the list to unplug a monitor. */
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getAllDisplays: vi.fn(() => screen.displays),
}

export const Menu = {
  current: null as { template: unknown[] } | null,
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown[] } | null) => {
    Menu.current = menu
  }),
}
export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'light' as string }

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  // electron-store registers a sync listener for renderer access; main-only use never triggers it.
  on: vi.fn(),
  handle: vi.fn((channel: string, handler: Listener) => {
    ipcMain.handlers.set(channel, handler)
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel)
  }),
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api)
  }),
}

export const ipcRenderer = Object.assign(new Emitter(), {
  invoke: vi.fn(async (_channel: string, _input?: unknown) => ({ ok: true, data: null })),
  removeListener: vi.fn(),
})

export default {
  app,
  BrowserWindow,
  protocol,
  session,
  net,
  screen,
  Menu,
  shell,
  nativeTheme,
  ipcMain,
  contextBridge,
  ipcRenderer,
  safeStorage,
  clipboard,
  dialog,
}
