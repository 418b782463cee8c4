import type { diagnosticsChannels } from '../../common/contract/diagnostics'
import type { HandlersFor } from '../handler-types'

export const diagnosticsHandlers: HandlersFor<keyof typeof diagnosticsChannels> = {}
