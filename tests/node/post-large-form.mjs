// Calls a generated route module's `action` (the organization switcher page)
// with a small form, then with a large streamed body, counting how many bytes
// of it the action pulled. Prints one JSON line.
//
//   node post-large-form.mjs MODULE.mjs BYTES
//
// MODULE.mjs is the route's server half (its `action`), with
// `switchSessionOrganization` defined by the test.

import { pathToFileURL } from 'node:url';

const [file, bytesArg] = process.argv.slice(2);
const total = Number(bytesArg);
const { action } = await import(pathToFileURL(file).href);
const url = 'http://127.0.0.1/workos/organization-switcher';

const small = await action({
  request: new Request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ organizationId: 'org_small' }),
  }),
});

const chunk = new Uint8Array(64 * 1024).fill(97);
let pulled = 0;
const body = new ReadableStream(
  {
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  },
  { highWaterMark: 0 },
);
const large = await action({
  request: new Request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
    duplex: 'half',
  }),
});

console.log(
  JSON.stringify({
    small: { status: small.status, body: await small.text() },
    large: { status: large.status, body: await large.text(), pulled },
  }),
);
