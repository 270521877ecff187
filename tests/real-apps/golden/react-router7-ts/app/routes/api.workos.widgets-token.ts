// Resource route (no default export): POST -> { token }. GET answers 405.
import type { Route } from "./+types/api.workos.widgets-token";
import { handleWidgetsTokenRequest } from "../workos/server/token-handler.server";

export function action({ request }: Route.ActionArgs) {
  return handleWidgetsTokenRequest(request);
}

export function loader({ request }: Route.LoaderArgs) {
  return handleWidgetsTokenRequest(request);
}
