import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { channelNames, type EventName } from '@common/contract'
import type { Result } from '@common/result'
import { dispatch } from '../ipc/dispatch'
import type { ApiTable } from '../ipc/handler-types'
import type { Services } from '../app/create-services'
import { APP_HOST, APP_SCHEME } from './protocol'

export interface IpcBindingOptions {
  readonly api: ApiTable
  readonly services: Services
  /** The id of the one window whose main frame may call us; undefined before it exists. */
  readonly trustedWebContentsId: () => number | undefined
  readonly send: (event: EventName, payload: unknown) => void
  readonly report: (channel: string, error: unknown) => void
}

/** Only our window's main frame, loaded from our own app:// origin, may call main. */
export function isTrustedSender(event: IpcMainInvokeEvent, trustedWebContentsId: number | undefined): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  if (frame !== event.sender.mainFrame) return false
  if (trustedWebContentsId === undefined || event.sender.id !== trustedWebContentsId) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST
}

const forbidden: Result<never> = {
  ok: false,
  error: {
    code: 'FORBIDDEN_SENDER',
    message: 'The request was refused.',
    cause: 'It did not come from the Dataverse Workbench window.',
    next: 'Use the app window; other frames and pages cannot call the app.',
  },
}

export function bindIpc(ipcMain: IpcMain, options: IpcBindingOptions): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event, options.trustedWebContentsId())) return forbidden
      return dispatch(options.api, channel, input, {
        services: options.services,
        send: options.send,
        report: options.report,
      })
    })
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel)
  }
}
