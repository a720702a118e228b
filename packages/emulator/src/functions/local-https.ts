// Runs in each function's worker thread. Handlers reach the @connections API as the AWS docs
// show, `new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` })`, and
// an explicit `endpoint` wins over the SDK's `AWS_ENDPOINT_URL_*` variables. The emulator serves
// plain HTTP, so HTTPS requests from the function to a served API's host (`127.0.0.1:<port>`, as
// `domainName` has it, or `<api>.execute-api.<region>.amazonaws.com`) are sent to its listener
// over HTTP instead: `https.request`/`https.get` (what the AWS SDK's Node.js handler calls) and
// `fetch`. Every other request is left as it is.
import * as http from 'http';
import * as https from 'https';
import * as nodeModule from 'module';

type RequestArgs = [url: string | URL | https.RequestOptions, options?: https.RequestOptions | ((res: http.IncomingMessage) => void), callback?: (res: http.IncomingMessage) => void];

export function routeLocalHttps(hosts: Record<string, string>): void {
  if (Object.keys(hosts).length === 0) return;
  const agent = new http.Agent({ keepAlive: true });
  /** The local listener of an HTTPS host and port, if it is a served API's. */
  const target = (host: string | null | undefined, port: string | number | null | undefined): URL | undefined => {
    if (!host) return undefined;
    const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    const local = hosts[`${name.toLowerCase()}:${port || 443}`];
    return local ? new URL(local) : undefined;
  };
  /** The arguments of `https.request` for the listener, as `http.request` takes them; undefined for any other host. */
  const rewrite = (args: RequestArgs): { options: http.RequestOptions; callback?: (res: http.IncomingMessage) => void } | undefined => {
    const [first, second, third] = args;
    let options: https.RequestOptions;
    let callback = third;
    if (typeof first === 'string' || first instanceof URL) {
      const url = new URL(first);
      options = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: url.pathname + url.search, ...(typeof second === 'object' ? second : {}) };
      if (typeof second === 'function') callback = second;
    } else {
      options = first;
      if (typeof second === 'function') callback = second;
    }
    const local = target(options.hostname ?? options.host, options.port ?? options.defaultPort);
    if (!local) return undefined;
    const { ca: _ca, cert: _cert, key: _key, servername: _servername, ...rest } = options;
    const rewritten: http.RequestOptions = { ...rest, protocol: 'http:', hostname: local.hostname.replace(/^\[|\]$/g, ''), host: undefined, port: local.port, agent };
    return { options: rewritten, callback };
  };
  const originalRequest = https.request;
  const originalGet = https.get;
  Object.assign(https, {
    request: (...args: RequestArgs) => {
      const local = rewrite(args);
      return local ? http.request(local.options, local.callback) : (originalRequest as (...a: RequestArgs) => http.ClientRequest)(...args);
    },
    get: (...args: RequestArgs) => {
      const local = rewrite(args);
      return local ? http.get(local.options, local.callback) : (originalGet as (...a: RequestArgs) => http.ClientRequest)(...args);
    },
  });
  // ES modules that imported `request` from 'https' see the new functions too.
  nodeModule.syncBuiltinESMExports();

  const originalFetch = globalThis.fetch;
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const local = url.protocol === 'https:' ? target(url.hostname, url.port) : undefined;
    if (!local) return originalFetch(input, init);
    const rewritten = `${local.origin}${url.pathname}${url.search}`;
    return originalFetch(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
  };
}
