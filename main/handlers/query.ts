import type { queryChannels } from '../../common/contract/query'
import type { HandlersFor } from '../handler-types'

export const queryHandlers: HandlersFor<keyof typeof queryChannels> = {}
