import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

export type CspDirectives = Record<string, Iterable<string> | null>;

/**
 * Helmet's security headers with the given Content-Security-Policy, and the
 * two that only make sense over TLS (Strict-Transport-Security and the CSP's
 * upgrade-insecure-requests) only on a request that came over HTTPS: directly,
 * or through a proxy trusted by TRUST_PROXY (Express's req.secure). A commune
 * server on the office network usually has no TLS; told to upgrade, a browser
 * opening it at its LAN address rewrites the page's API calls to https, which
 * nothing answers.
 */
export function securityHeadersByTransport(directives: CspDirectives): RequestHandler {
  const overHttps = helmet({ contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: [] } } });
  const overHttp = helmet({
    contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  });
  return (req: Request, res: Response, next: NextFunction) => (req.secure ? overHttps : overHttp)(req, res, next);
}
