import { createFileRoute } from '@tanstack/react-router'
import { UserProfile } from '@workos-inc/widgets'

import { fetchWidgetsToken } from '../../workos/widgets-token'

export const Route = createFileRoute('/workos/user-profile')({
  component: UserProfilePage,
})

function UserProfilePage() {
  return (
    <main className="p-8">
      <UserProfile authToken={fetchWidgetsToken} />
    </main>
  )
}
