import type { connectionChannels } from '../../common/contract/connections'
import type { HandlersFor } from '../handler-types'

export const connectionHandlers: HandlersFor<keyof typeof connectionChannels> = {}
