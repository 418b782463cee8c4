export interface ShimConfig {
  readonly token: string
  readonly methods: readonly { name: string; channel: string }[]
  readonly listeners: readonly { name: string; event: string }[]
}

/**
 * Runs in the page before any app script (page.addInitScript). It plays the preload's part:
 * one frozen window.dataverse with the same named methods, each forwarded to the harness.
 * Self-contained on purpose: Playwright serialises this function into the page.
 */
export function installBridgeShim(config: ShimConfig): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let source: EventSource | undefined
  const ensureEvents = () => {
    if (source) return
    source = new EventSource(`/__bridge/events?token=${encodeURIComponent(config.token)}`)
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data as string) as { event: string; payload: unknown }
      for (const listener of listeners.get(event) ?? []) listener(payload)
    }
  }
  const api: Record<string, unknown> = {}
  for (const { name, channel } of config.methods) {
    api[name] = async (input?: unknown) => {
      const response = await fetch(`/__bridge/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bridge-token': config.token },
        body: JSON.stringify({ input }),
      })
      return response.json()
    }
  }
  for (const { name, event } of config.listeners) {
    api[name] = (listener: (payload: unknown) => void) => {
      ensureEvents()
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }
  Object.defineProperty(window, 'dataverse', { value: Object.freeze(api), writable: false, configurable: false })
}
