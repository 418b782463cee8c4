/**
 * "Duplicate into another environment": a consultant's customer has dev, test and prod on the same
 * app registration. The copy keeps the tenant, client ID, credential (by reference: `credentialOf`
 * names the connection whose stored secret it signs in with, so no secret value is copied anywhere)
 * and customer, and takes a new environment URL, name and kind.
 */
import {
  ConnectionSchema,
  DEFAULT_COLOURS,
  defaultReadOnly,
  type Connection,
  type EnvironmentKind,
} from '@common/connection'
import { AppFailure } from '@common/result'
import { normalizeUrl } from './url'

export interface EnvironmentCopy {
  /** Any URL of the other environment (org URL, a main.aspx link, the Web API URL). */
  readonly url: string
  readonly name: string
  /** Omitted: the original's kind. */
  readonly environment?: EnvironmentKind
}

function refused(message: string, cause: string, next: string, field: string): AppFailure {
  return new AppFailure({ code: 'INVALID_INPUT', message, cause, next, details: { field } })
}

export function duplicateIntoEnvironment(
  original: Connection,
  target: EnvironmentCopy,
  made: { readonly id: string; readonly at: string },
): Connection {
  const understood = normalizeUrl(target.url)
  if (!understood.ok) {
    throw refused(
      understood.problem.message,
      'The URL is not one of a Dataverse environment.',
      understood.problem.next,
      'url',
    )
  }
  const { orgUrl, cloud } = understood.value
  if (cloud !== null && cloud !== original.cloud) {
    throw refused(
      `${orgUrl} is in another cloud than "${original.name}".`,
      "The copy keeps the original's tenant and sign-in host, which belong to one cloud only.",
      'Create a new connection for an environment in another cloud.',
      'url',
    )
  }
  if (orgUrl === original.orgUrl) {
    throw refused(
      `"${original.name}" already points at ${orgUrl}.`,
      'Duplicating into another environment needs the other environment\u2019s URL.',
      'Paste the URL of the other environment (for example its main.aspx link).',
      'url',
    )
  }
  const environment = target.environment ?? original.environment
  const sameKind = environment === original.environment
  return ConnectionSchema.parse({
    ...original,
    id: made.id,
    name: target.name,
    orgUrl,
    environment,
    colour: sameKind ? original.colour : DEFAULT_COLOURS[environment],
    readOnly: sameKind ? original.readOnly : defaultReadOnly(environment),
    credentialOf: original.credentialOf ?? original.id,
    createdAt: made.at,
    updatedAt: made.at,
    lastTest: null,
    builtIn: null,
    scenario: null,
  } satisfies Connection)
}
