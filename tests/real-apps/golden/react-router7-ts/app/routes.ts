import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("api/workos/widgets-token", "routes/api.workos.widgets-token.ts"),
  route("workos/user-profile", "routes/workos.user-profile.tsx"),
] satisfies RouteConfig;
