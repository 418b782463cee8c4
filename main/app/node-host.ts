/**
 * The parts of a host that runs on plain Node (the CLI): a conf-backed store, a vault that keeps
 * secrets for the process only, and Node's fetch with the user's proxy and CA settings.
 */
export { createConfBackend } from '../store/conf-backend'
export { createMemoryVault } from '../connections/vault'
export { createNodeFetch, type NodeFetch, type NodeFetchOptions } from '../http/node-fetch'
export { createNodeFetchFromSettings, NODE_CA_TRUST } from '../connections/network-settings'
