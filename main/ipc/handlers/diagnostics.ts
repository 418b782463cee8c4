import { AppFailure } from '@common/result'
import { JwtDecodeError, inspectToken } from '../../app/token-tools'
import { explainPasted } from '../../app/explain-service'
import type { HandlersOfPrefix } from '../handler-types'

export const diagnosticsHandlers: HandlersOfPrefix<'diagnostics'> = {
  'diagnostics:explain': async ({ text, cloud }) => explainPasted(text, cloud ? { cloud } : {}),

  'diagnostics:inspect-token': async ({ token, expected }) => {
    try {
      return inspectToken(token, expected ?? {})
    } catch (error) {
      if (!(error instanceof JwtDecodeError)) throw error
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: error.message,
        cause: 'The pasted text is not a complete access token.',
        next: 'Copy the whole access_token value (it starts with "eyJ" and has two dots) and paste it again.',
      })
    }
  },
}
