import { DOCS, loginHost } from './links'
import type { CatalogEntry, DiagnosisContext } from './types'

const where = (ctx: DiagnosisContext) => (ctx.host ? ` ${ctx.host}` : ' the host')

export const networkEntries: readonly CatalogEntry[] = [
  {
    id: 'dns-not-found',
    title: (ctx) => `The name${where(ctx)} does not resolve`,
    cause: (ctx) =>
      `DNS has no address for${where(ctx)}. Most often the environment URL has a typo or names an environment that was deleted or renamed; on a corporate network, a DNS server that only resolves internal names or a VPN that is down has the same effect.`,
    fix: (ctx) => [
      `Check the spelling of${where(ctx)} against the Environment URL in Power Platform admin center → Manage → Environments → <your environment> → Details.`,
      `From the same machine, run nslookup${where(ctx)} (and nslookup ${loginHost(ctx.cloud)}) to see whether DNS works at all.`,
      'If only this machine fails, ask your network team whether outbound DNS is filtered or a proxy must be used.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'connection-refused',
    title: (ctx) => `The connection to${where(ctx)} was refused`,
    cause:
      'The address resolved but nothing accepted the connection on that port. For Microsoft hosts this usually means a local proxy or firewall intercepts the traffic, or a proxy setting points at a machine where no proxy runs.',
    fix: [
      'Check the proxy settings of this machine (HTTPS_PROXY / HTTP_PROXY variables, the system proxy) — a stale value is a common cause.',
      'Ask your network team whether outbound https (port 443) to the Dataverse and login hosts is allowed.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'connection-reset',
    title: (ctx) => `The connection to${where(ctx)} was reset`,
    cause:
      'The connection was closed from the other side while talking. Firewalls and TLS-inspecting proxies do this when they block a destination; a flaky network does it occasionally.',
    fix: [
      'Try again once; if it repeats, it is not a glitch.',
      'Ask your network team whether the Dataverse and Entra ID hosts are allowed through the proxy or firewall.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'network-timeout',
    title: (ctx) => `No answer from${where(ctx)} in time`,
    cause:
      'The request got no answer before the timeout. Typical causes: a firewall that silently drops traffic, a proxy that must be configured, or a network outage.',
    fix: [
      'Check whether a proxy is required on this network and configure it (system proxy or HTTPS_PROXY).',
      'Ask your network team to allow outbound https to the Dataverse and login hosts.',
      'Retry later if the network is known to be unstable.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'proxy-auth-required',
    title: 'The proxy asked for credentials (HTTP 407)',
    cause:
      'A corporate proxy sits between this machine and Microsoft, and it requires authentication that the request did not provide.',
    fix: [
      'Use the system proxy configuration (the desktop app does by default), which carries your Windows or macOS sign-in.',
      'For the CLI, set HTTPS_PROXY to the proxy address and ask your network team how service accounts authenticate to it.',
      'Ask for the Dataverse and login hosts to be exempted from proxy authentication if that is your company policy.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'tls-untrusted',
    title: (ctx) => `The certificate of${where(ctx)} is not trusted`,
    cause:
      'The certificate chain ends in a root this machine does not trust ("self signed certificate in certificate chain", "unable to verify the first certificate"). On a company network this almost always means a TLS-inspecting proxy re-signs traffic with the company root certificate.',
    fix: [
      'Get the company root certificate (PEM) from your IT department.',
      'Add it as a trusted CA file to the connection (CLI: --ca-file <file>); do not turn certificate checks off.',
      'Run the check again: the TLS step shows which issuer signed the certificate.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'tls-expired',
    title: (ctx) => `The certificate of${where(ctx)} has expired`,
    cause:
      "The server presented an expired certificate. Microsoft hosts renew well ahead, so the certificate usually comes from a TLS-inspecting proxy, or this computer's clock is far off.",
    fix: [
      'Check that the date and time of this computer are correct.',
      'If they are, report the expired certificate to your network team: it belongs to the proxy.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'tls-hostname-mismatch',
    title: (ctx) => `The certificate does not match${where(ctx)}`,
    cause:
      'The certificate presented is for another host name. A proxy or DNS entry is sending the traffic somewhere else, or the URL uses an alias the certificate does not cover.',
    fix: [
      'Use the environment URL exactly as shown in Power Platform admin center (not an IP address or a custom alias).',
      'If it already is, ask your network team which device answers for that host.',
    ],
    docs: DOCS.onlineRequirements,
  },
  {
    id: 'authority-unreachable',
    title: 'The sign-in service could not be reached',
    cause:
      "MSAL could not load the authority's metadata (endpoints_resolution_error or a network_error on the token request). The real cause is hidden behind MSAL's message: usually DNS, a proxy or TLS inspection on the login host.",
    fix: (ctx) => [
      `Check that https://${loginHost(ctx.cloud)} opens in a browser on this machine.`,
      'Run the preflight check: its dns and tls steps show exactly which hop fails.',
    ],
    docs: DOCS.onlineRequirements,
  },
]
