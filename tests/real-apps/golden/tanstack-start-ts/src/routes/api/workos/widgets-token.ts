// Server route: POST /api/workos/widgets-token -> { token }; GET answers 405.
// @tanstack/react-start 1.169: createFileRoute(...)({ server: { handlers } })
// (the older createServerFileRoute is gone).
import { createFileRoute } from '@tanstack/react-router'

import { handleWidgetsTokenRequest } from '../../../workos/server/token-handler'

export const Route = createFileRoute('/api/workos/widgets-token')({
  server: {
    handlers: {
      POST: ({ request }) => handleWidgetsTokenRequest(request),
      GET: ({ request }) => handleWidgetsTokenRequest(request),
    },
  },
})
