// POST /api/workos/widgets-token -> { token }
// Hand-written golden copy of what workos-widgets generates
// (templates/shared/token-handler.hbs, TS, @workos-inc/node 8.x getToken).
// Takes a Web `Request`, returns a Web `Response`. Server-side only.

import { WorkOS } from '@workos-inc/node'
import { resolveWidgetsSession } from './session.server'
import type { WidgetsEnv } from './session.server'

/** Exactly the scopes the widgets in this app need (UserProfile needs none). */
export const WIDGETS_SCOPES = [] as const

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })
}

function fail(status: number, error: string, fix: string): Response {
  return json(status, { error, fix })
}

/** WORKOS_API_BASE_URL (e.g. http://localhost:4100) -> WorkOS client options. */
function clientOptions(baseUrl: string | undefined): { apiHostname?: string; port?: number; https?: boolean } {
  if (!baseUrl) return {}
  const url = new URL(baseUrl)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported protocol ${url.protocol}`)
  return { apiHostname: url.hostname, https: url.protocol === 'https:', ...(url.port ? { port: Number(url.port) } : {}) }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const { status } = error
    return typeof status === 'number' ? status : undefined
  }
  return undefined
}

export async function handleWidgetsTokenRequest(request: Request, env: WidgetsEnv = process.env): Promise<Response> {
  if (request.method !== 'POST') return json(405, { error: 'Method not allowed. Use POST.' }, { Allow: 'POST' })

  const apiKey = env.WORKOS_API_KEY
  if (!apiKey) return fail(500, 'WORKOS_API_KEY is not set on the server.', 'Add WORKOS_API_KEY=sk_test_... to .env and restart the server.')

  const session = await resolveWidgetsSession(request, env)
  if (!session) return fail(401, 'No signed-in user: resolveWidgetsSession() returned null.', 'Implement resolveWidgetsSession() with your own auth.')

  // Created per request, never at module scope: a missing key must not break builds.
  let workos: WorkOS
  try {
    workos = new WorkOS(apiKey, clientOptions(env.WORKOS_API_BASE_URL))
  } catch (error) {
    return fail(500, `Could not create the WorkOS client: ${error instanceof Error ? error.message : String(error)}`, 'Check WORKOS_API_BASE_URL.')
  }

  try {
    // @workos-inc/node 8.x: getToken() resolves to the token string.
    const token = await workos.widgets.getToken({
      organizationId: session.organizationId,
      userId: session.userId,
      scopes: [...WIDGETS_SCOPES],
    })
    return json(200, { token })
  } catch (error) {
    const status = statusOf(error)
    return json(status === 401 || status === 403 || status === 404 || status === 422 ? status : 502, {
      error: 'Could not get a widget token from WorkOS.',
      detail: `${status ?? 'no status'}: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
}
