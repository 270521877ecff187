// Resource route (no default export): POST /api/workos/widgets-token -> { token }.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { handleWidgetsTokenRequest } from "~/workos/server/token-handler.server";

export function action({ request }: ActionFunctionArgs) {
  return handleWidgetsTokenRequest(request);
}

// GET answers 405 (the handler allows POST only).
export function loader({ request }: LoaderFunctionArgs) {
  return handleWidgetsTokenRequest(request);
}
