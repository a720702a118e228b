#!/usr/bin/env node
// Serves the bookstore example (examples/http-bookstore, synthesized by scripts/synth-examples.js)
// with the local emulator (packages/emulator) and sends it real requests: a route with a path
// variable (forwarded to a local stand-in for the catalog service, through an HTTP_PROXY
// override), a CORS preflight, a JWT-protected route without and with a token of the local
// issuer, a named stage, and the Lambda authorizer's route. Prints each request with its status.
//
//   node scripts/emulate-example.js      (after `npm run compile`, the synth, and `npm run build -w cdk-apigatewayv2-emulator`)
//
// Exits with 1 when a response's status is not the one API Gateway would send.
'use strict';

const http = require('http');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ASSEMBLY = path.join(ROOT, 'examples', 'http-bookstore', 'cdk.out');
const CATALOG = 'https://catalog.example.com';
const ORIGIN = 'https://bookstore.example.com';

/** A stand-in for the catalog service: GET /books and GET /books/{id}. */
function startCatalog() {
  const server = http.createServer((req, res) => {
    const match = /^\/books(?:\/([^/?]+))?/.exec(req.url);
    res.writeHead(match ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(match?.[1] ? { id: match[1], title: `Book ${match[1]}` } : match ? [{ id: '1', title: 'Book 1' }] : { error: 'no such path' }));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const { emulate } = require('cdk-apigatewayv2-emulator');
  const catalog = await startCatalog();
  const catalogUrl = `http://127.0.0.1:${catalog.address().port}`;
  const emulator = await emulate({
    assembly: ASSEMBLY,
    localIssuer: true,
    httpProxy: { [CATALOG]: catalogUrl },
    logger: {
      request: () => undefined,
      info: () => undefined,
      warn: message => console.log(`  note: ${message}`),
      functionOutput: (fn, _stream, line) => console.log(`    [${fn}] ${line}`),
    },
  });
  let failed = 0;
  try {
    const base = emulator.url('BookstoreApi');
    console.log(`\nexamples/http-bookstore served by the emulator at ${base} (stages: ${Object.keys(emulator.urls.BookstoreApi).join(', ')}),`);
    console.log(`with ${CATALOG} sent to a local stand-in at ${catalogUrl} and the JWT issuer served by the local issuer:`);
    const token = emulator.mintToken({ scopes: ['books:write'] });
    const requests = [
      ['GET', '/books/42', {}, undefined, 200, 'a path variable, forwarded to the catalog'],
      ['OPTIONS', '/books', { 'origin': ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' }, undefined, 204, 'CORS preflight, answered by the gateway'],
      ['POST', '/books', { 'content-type': 'application/json' }, '{"title":"New"}', 401, 'JWT route without a token'],
      ['POST', '/books', { 'content-type': 'application/json', 'authorization': `Bearer ${token}` }, '{"title":"New"}', 201, 'JWT route with a token that has the books:write scope'],
      ['PUT', '/beta/books/42', { 'authorization': `Bearer ${token}` }, '{}', 200, 'the beta stage'],
      ['PUT', '/books/42/stock', { 'x-partner-key': 'change-me' }, '{}', 200, 'the Lambda authorizer, with the partner key'],
      ['PUT', '/books/42/stock', { 'x-partner-key': 'wrong' }, '{}', 403, 'the Lambda authorizer, with a wrong key'],
    ];
    for (const [method, urlPath, headers, body, expected, what] of requests) {
      const response = await fetch(base + urlPath, { method, headers, body });
      const text = await response.text();
      const record = emulator.requests[emulator.requests.length - 1];
      const ok = response.status === expected;
      if (!ok) failed++;
      console.log(`  ${method} ${urlPath} -> ${response.status}${ok ? '' : ` (expected ${expected})`}  ${what}`);
      const how = [record.routeKey && `route '${record.routeKey}'`, record.authorizer, record.integration].filter(Boolean).join(', ');
      console.log(`    ${how}${text ? `: ${text.slice(0, 80)}` : ''}`);
      if (method === 'OPTIONS') console.log(`    access-control-allow-origin: ${response.headers.get('access-control-allow-origin')}, -methods: ${response.headers.get('access-control-allow-methods')}`);
    }
  } finally {
    await emulator.close();
    catalog.close();
  }
  console.log(failed === 0 ? '\nthe emulator answered every request as API Gateway would' : `\n${failed} requests got an unexpected status`);
  return failed === 0 ? 0 : 1;
}

main().then(code => { process.exitCode = code; }, error => {
  console.error(error);
  process.exitCode = 1;
});
