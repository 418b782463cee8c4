import { contextBridge, ipcRenderer } from 'electron'
import { bridgeListenerName, bridgeMethodName, channelNames, eventNames } from '@common/contract'

// Fail closed: without context isolation the page could reach ipcRenderer through this script.
if (!process.contextIsolated) {
  throw new Error('Dataverse Workbench refuses to start: context isolation is off for this window.')
}

const bridge: Record<string, unknown> = {}

for (const channel of channelNames) {
  bridge[bridgeMethodName(channel)] = (input?: unknown) => ipcRenderer.invoke(channel, input)
}

for (const event of eventNames) {
  bridge[bridgeListenerName(event)] = (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError(`${bridgeListenerName(event)} needs a function`)
    // The IpcRendererEvent (and its sender) never reaches the page, only the payload.
    const forward = (_event: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  }
}

contextBridge.exposeInMainWorld('dataverse', Object.freeze(bridge))
