// Starts the Express server `init --backend` set up (argv[2]: the app) on a
// free port, with the mock WorkOS API on 127.0.0.1 as its WorkOS, and asks
// its token route: POST gives a token minted by the mock, GET a 405 JSON
// answer. Prints one JSON report; never talks to the real WorkOS API.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const { startMockWorkos } = await import(path.join(here, '../e2e/mock-workos-api.mjs'))

const app = process.argv[2]
const mock = await startMockWorkos()

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  })
})

const server = spawn(process.execPath, ['server/index.js'], {
  cwd: app,
  env: {
    PATH: process.env.PATH,
    PORT: String(port),
    NODE_ENV: 'development',
    WORKOS_API_KEY: 'sk_test_express_backend',
    WORKOS_API_BASE_URL: mock.url,
    WORKOS_WIDGETS_DEV_USER_ID: 'user_e2e_ada',
    WORKOS_WIDGETS_DEV_ORGANIZATION_ID: 'org_e2e',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let log = ''
server.stdout.on('data', (d) => (log += d))
server.stderr.on('data', (d) => (log += d))

const url = `http://127.0.0.1:${port}/api/workos/widgets-token`
async function ask(method) {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(url, { method })
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.json() }
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`the server did not answer:\n${log}`)
}

try {
  const post = await ask('POST')
  const get = await ask('GET')
  const tokens = mock.tokenRequests().map((r) => r.body)
  console.log(JSON.stringify({ post, get, tokens }))
} finally {
  server.kill()
  await mock.close()
  process.exit(0)
}
