import { UserProfile } from "@workos-inc/widgets";

import type { Route } from "./+types/workos.user-profile";
import { fetchWidgetsToken } from "../workos/widgets-token";

export function meta({}: Route.MetaArgs) {
  return [{ title: "User profile" }];
}

export default function UserProfilePage() {
  return (
    <main className="container mx-auto p-4">
      <UserProfile authToken={fetchWidgetsToken} />
    </main>
  );
}
