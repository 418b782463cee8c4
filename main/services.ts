import type { Host } from './host'

/** Everything handlers use. Built once per host by createServices(); handlers never know which host. */
export interface Services {
  readonly host: Host
}

export function createServices(host: Host): Services {
  return { host }
}
