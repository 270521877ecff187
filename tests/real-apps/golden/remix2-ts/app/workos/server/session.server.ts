// Who the widget token is for. REPLACE WITH YOUR OWN AUTH BEFORE YOU SHIP.
// Development identity from WORKOS_WIDGETS_DEV_USER_ID / _ORGANIZATION_ID,
// never in production.

export interface WidgetsSession {
  userId: string
  organizationId: string
}

export type WidgetsEnv = Record<string, string | undefined>

export async function resolveWidgetsSession(request: Request, env: WidgetsEnv = process.env): Promise<WidgetsSession | null> {
  void request // TODO(auth): read your session from the request's cookies.
  if (process.env.NODE_ENV === 'production') return null
  const userId = env.WORKOS_WIDGETS_DEV_USER_ID
  const organizationId = env.WORKOS_WIDGETS_DEV_ORGANIZATION_ID
  if (!userId || !organizationId) return null
  return { userId, organizationId }
}
