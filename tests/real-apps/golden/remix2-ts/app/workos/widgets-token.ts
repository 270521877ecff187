// Fetches a short-lived widget token from this app's own token route.
// Pass the function itself to a widget: <UserProfile authToken={fetchWidgetsToken} />

export const WIDGETS_TOKEN_ENDPOINT = '/api/workos/widgets-token'

export async function fetchWidgetsToken(): Promise<string> {
  const response = await fetch(WIDGETS_TOKEN_ENDPOINT, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  })
  const body: { token?: unknown; error?: unknown } | null = await response.json().catch(() => null)
  if (!response.ok || typeof body?.token !== 'string') {
    const error = new Error(typeof body?.error === 'string' ? body.error : `POST ${WIDGETS_TOKEN_ENDPOINT} failed with HTTP ${response.status}`)
    window.reportError(error)
    throw error
  }
  return body.token
}
