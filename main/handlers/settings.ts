import type { HandlersFor } from '../handler-types'

export const settingsHandlers: HandlersFor<'app:settings' | 'app:save-settings'> = {
  'app:settings': async (_input, { services }) => services.settings.view(),

  'app:save-settings': async (change, { services }) => {
    services.settings.update({
      ...(change.firstRunDone ? { firstRunDone: true } : {}),
      ...(change.automaticUpdates !== undefined ? { automaticUpdates: change.automaticUpdates } : {}),
    })
    return services.settings.view()
  },
}
