import type { MetaFunction } from "@remix-run/node";
import { UserProfile } from "@workos-inc/widgets";

import { fetchWidgetsToken } from "~/workos/widgets-token";

export const meta: MetaFunction = () => [{ title: "User profile" }];

export default function UserProfilePage() {
  return (
    <main className="container mx-auto p-4">
      <UserProfile authToken={fetchWidgetsToken} />
    </main>
  );
}
