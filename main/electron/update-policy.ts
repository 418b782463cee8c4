/**
 * When the app may look for, download and install an update. Pure: electron-updater, the dialog,
 * the settings and the timers are passed in, so every rule below is unit-tested without Electron.
 *
 * - Nothing happens while automatic updates are off, which is the default.
 * - Nothing happens while a fetch-all or an export runs (asked of main's query runner, not the
 *   window): the step waits and is tried again, so a long export is never cut off by a restart.
 * - The release notes are shown before any restart, and the user chooses; "later" installs on quit.
 */

export interface AvailableUpdate {
  readonly version: string
  /** Plain text, already stripped of markup. */
  readonly notes: string
}

/** The part of electron-updater this policy drives. */
interface UpdaterPort {
  /** Resolves with the newer version, or null when this one is current. */
  check(): Promise<AvailableUpdate | null>
  download(): Promise<void>
  /** Quits the app and runs the installer. */
  installNow(): void
}

interface UpdatePromptPort {
  /** Shows the version and its notes; resolves true for "Restart now", false for "Later". */
  offerRestart(update: AvailableUpdate): Promise<boolean>
  /** The answer to a check the user asked for from the menu (up to date, or why not now). */
  tell(message: string): void
}

export interface UpdatePolicyOptions {
  readonly automaticUpdates: () => boolean
  /** True while a fetch-all or an export runs. */
  readonly busy: () => boolean
  readonly updater: UpdaterPort
  readonly prompt: UpdatePromptPort
  readonly log: (message: string) => void
  readonly setTimer?: (run: () => void, ms: number) => () => void
  /** First look after start, then every `intervalMs`; a busy app is asked again after `retryMs`. */
  readonly firstCheckMs?: number
  readonly intervalMs?: number
  readonly retryMs?: number
}

export type UpdateState =
  'off' | 'waiting' | 'checking' | 'downloading' | 'deferred' | 'offering' | 'ready' | 'installing'

const defaultTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms)
  timer.unref?.()
  return () => clearTimeout(timer)
}

export class UpdatePolicy {
  private state: UpdateState = 'off'
  private cancelTimer: (() => void) | null = null
  private downloaded: AvailableUpdate | null = null
  private readonly setTimer: (run: () => void, ms: number) => () => void
  private readonly firstCheckMs: number
  private readonly intervalMs: number
  private readonly retryMs: number

  constructor(private readonly options: UpdatePolicyOptions) {
    this.setTimer = options.setTimer ?? defaultTimer
    this.firstCheckMs = options.firstCheckMs ?? 30_000
    this.intervalMs = options.intervalMs ?? 6 * 60 * 60_000
    this.retryMs = options.retryMs ?? 60_000
  }

  get current(): UpdateState {
    return this.state
  }

  /** Call at start and whenever the setting changes. */
  settingsChanged(): void {
    if (!this.options.automaticUpdates()) {
      this.clearTimer()
      if (this.state === 'waiting' || this.state === 'deferred') this.state = 'off'
      return
    }
    if (this.state === 'off') this.schedule(this.firstCheckMs, 'waiting')
  }

  /** "Check for updates…" from the menu: works with automatic updates off, still waits for a running export. */
  async checkNow(): Promise<void> {
    if (this.options.busy()) {
      this.options.prompt.tell('An export or fetch-all is running. Check for updates again when it has finished.')
      return
    }
    await this.run(true)
  }

  private clearTimer(): void {
    this.cancelTimer?.()
    this.cancelTimer = null
  }

  private schedule(ms: number, state: UpdateState): void {
    this.clearTimer()
    this.state = state
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = null
      void this.run(false)
    }, ms)
  }

  private next(): void {
    if (this.options.automaticUpdates()) this.schedule(this.intervalMs, 'waiting')
    else this.state = 'off'
  }

  private defer(): void {
    this.options.log('update: a fetch-all or export is running; trying again later')
    this.schedule(this.retryMs, 'deferred')
  }

  private async run(manual: boolean): Promise<void> {
    if (!manual && !this.options.automaticUpdates()) {
      this.state = 'off'
      return
    }
    if (
      this.state === 'checking' ||
      this.state === 'downloading' ||
      this.state === 'offering' ||
      this.state === 'installing'
    )
      return
    if (this.options.busy()) return this.defer()
    if (this.downloaded) return this.offer(this.downloaded)
    this.clearTimer()
    this.state = 'checking'
    let update: AvailableUpdate | null
    try {
      update = await this.options.updater.check()
    } catch (error) {
      this.options.log(`update: the check failed: ${error instanceof Error ? error.message : String(error)}`)
      if (manual)
        this.options.prompt.tell(
          'The update check did not get through. Check the network connection and try again later.',
        )
      return this.next()
    }
    if (!update) {
      if (manual) this.options.prompt.tell('Dataverse Workbench is up to date.')
      return this.next()
    }
    if (this.options.busy()) return this.defer()
    this.state = 'downloading'
    try {
      await this.options.updater.download()
    } catch (error) {
      this.options.log(
        `update: the download of ${update.version} failed: ${error instanceof Error ? error.message : String(error)}`,
      )
      if (manual) this.options.prompt.tell(`Version ${update.version} could not be downloaded. Try again later.`)
      return this.next()
    }
    this.downloaded = update
    await this.offer(update)
  }

  private async offer(update: AvailableUpdate): Promise<void> {
    if (this.options.busy()) return this.defer()
    this.state = 'offering'
    const restart = await this.options.prompt.offerRestart(update)
    if (!restart) {
      // electron-updater installs a downloaded update when the app quits; the notes were seen.
      this.state = 'ready'
      return
    }
    // An export may have started while the notes were open.
    if (this.options.busy()) return this.defer()
    this.state = 'installing'
    this.options.updater.installNow()
  }
}
