import { AppFailure } from '@common/result'
import type { HandlersOfPrefix } from '../handler-types'
import { isAllowedExternalLink } from '../../platform/links'

export const appHandlers: HandlersOfPrefix<'app'> = {
  'app:info': async (_input, { services }) => services.host.appInfo(),

  'app:open-external': async ({ url }, { services }) => {
    if (!isAllowedExternalLink(url)) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'That link was not opened.',
        cause: 'Only https links to Microsoft documentation and admin portals may be opened from the app.',
        next: 'Copy the address and open it in your browser yourself if you trust it.',
      })
    }
    await services.host.openLink(url)
    return { opened: true }
  },

  'app:settings': async (_input, { services }) => services.settings.view(),

  'app:save-settings': async (change, { services }) => {
    services.settings.update({
      ...(change.firstRunDone ? { firstRunDone: true } : {}),
      ...(change.automaticUpdates !== undefined ? { automaticUpdates: change.automaticUpdates } : {}),
    })
    return services.settings.view()
  },
}
