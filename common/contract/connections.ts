/** Connections, secrets and authentication (issue 4). */
export const connectionChannels = {}
export const connectionEvents = {}
