//! The catalog of the 12 widgets in `@workos-inc/widgets` 1.x: the one place
//! that knows each widget's component, import path, scope and props.

use serde::Serialize;

/// The package every widget is imported from.
pub const WIDGETS_PACKAGE: &str = "@workos-inc/widgets";

/// The root component every widget renders inside (it provides the API
/// options, the query client and the theme).
pub const ROOT_COMPONENT: &str = "WorkOsWidgets";

/// The backend SDK that mints widget tokens with the secret key.
pub const SDK_PACKAGE: &str = "@workos-inc/node";

/// The AuthKit SDKs whose `getWorkOS()` hands out their own
/// `@workos-inc/node` client (so the app needs no copy of its own).
pub const AUTHKIT_CLIENT_SDKS: [&str; 3] = [
    "@workos-inc/authkit-nextjs",
    "@workos-inc/authkit-react-router",
    "@workos-inc/authkit-remix",
];

/// The packages every widget app needs.
pub const REQUIRED_PACKAGES: [&str; 3] =
    [WIDGETS_PACKAGE, "@radix-ui/themes", "@tanstack/react-query"];

/// The Vite config file names, in the order a config is looked for.
pub const VITE_CONFIG_FILES: [&str; 6] = [
    "vite.config.ts",
    "vite.config.mts",
    "vite.config.js",
    "vite.config.mjs",
    "vite.config.cts",
    "vite.config.cjs",
];

/// The root's attribute that shares an app's query client (` queryClient={client}`),
/// inserted right after the root's name.
pub fn query_client_attribute(client: &str) -> String {
    format!(" queryClient={{{client}}}")
}

/// The stylesheets the widgets need, in import order (Radix first, so the
/// widgets' styles override it).
pub const STYLESHEETS: [&str; 2] = [
    "@radix-ui/themes/styles.css",
    "@workos-inc/widgets/styles.css",
];

/// A widget token scope. The strings are the ones `@workos-inc/node` types
/// accept (`widgets:pipes:manage` is the exception: the SDK's type does not
/// list it, see [`Scope::in_sdk_types`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Scope {
    #[serde(rename = "widgets:users-table:manage")]
    UsersTable,
    #[serde(rename = "widgets:sso:manage")]
    Sso,
    #[serde(rename = "widgets:domain-verification:manage")]
    DomainVerification,
    #[serde(rename = "widgets:dsync:manage")]
    Dsync,
    #[serde(rename = "widgets:api-keys:manage")]
    ApiKeys,
    #[serde(rename = "widgets:audit-log-streaming:manage")]
    AuditLogStreaming,
    #[serde(rename = "widgets:pipes:manage")]
    Pipes,
}

impl Scope {
    /// Every scope, in a stable order.
    pub const ALL: [Scope; 7] = [
        Scope::UsersTable,
        Scope::Sso,
        Scope::DomainVerification,
        Scope::Dsync,
        Scope::ApiKeys,
        Scope::AuditLogStreaming,
        Scope::Pipes,
    ];

    /// The scope string sent to `POST /widgets/token`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scope::UsersTable => "widgets:users-table:manage",
            Scope::Sso => "widgets:sso:manage",
            Scope::DomainVerification => "widgets:domain-verification:manage",
            Scope::Dsync => "widgets:dsync:manage",
            Scope::ApiKeys => "widgets:api-keys:manage",
            Scope::AuditLogStreaming => "widgets:audit-log-streaming:manage",
            Scope::Pipes => "widgets:pipes:manage",
        }
    }

    /// Parses an exact scope string.
    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether `@workos-inc/node`'s scope type (at `sdk_version`) lists this
    /// scope. `dsync` and `audit-log-streaming` arrived in 8.8.0; `pipes` is
    /// in no version, so generated TypeScript must cast it.
    pub fn in_sdk_types(self, sdk_version: &semver::Version) -> bool {
        match self {
            Scope::Pipes => false,
            Scope::Dsync | Scope::AuditLogStreaming => {
                *sdk_version >= semver::Version::new(8, 8, 0)
            }
            _ => true,
        }
    }
}

/// A required prop besides `authToken`, and how generated code satisfies it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ExtraProp {
    pub name: &'static str,
    pub description: &'static str,
}

/// One widget.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Widget {
    /// Kebab-case id, also the per-widget entry point name.
    pub id: &'static str,
    /// The exported component, e.g. `UserProfile`.
    pub component: &'static str,
    /// Its Suspense-friendly loading component.
    pub loading_component: &'static str,
    /// Props the loading component requires (`PipesLoading` needs `count`).
    #[serde(skip)]
    pub loading_props: &'static str,
    /// Where to import it from.
    pub import_path: &'static str,
    /// The widget token scope it needs, if any.
    pub scope: Option<Scope>,
    /// Whether the token must be minted for an organization the user
    /// administers (organization-level widgets), rather than just any
    /// organization the user belongs to.
    pub organization_admin: bool,
    /// Required props other than `authToken`.
    pub extra_props: &'static [ExtraProp],
    /// What the widget is for, one line.
    pub summary: &'static str,
}

impl Widget {
    /// The name of the component `init` generates to render this widget.
    pub fn generated_component(&self) -> String {
        format!("{}Widget", self.component)
    }
}

/// Every widget in `@workos-inc/widgets` 1.x.
pub const WIDGETS: &[Widget] = &[
    Widget {
        id: "user-profile",
        component: "UserProfile",
        loading_component: "UserProfileLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: None,
        organization_admin: false,
        extra_props: &[],
        summary: "The signed-in user views and edits their name and profile.",
    },
    Widget {
        id: "user-security",
        component: "UserSecurity",
        loading_component: "UserSecurityLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: None,
        organization_admin: false,
        extra_props: &[],
        summary: "The signed-in user manages their password and MFA.",
    },
    Widget {
        id: "user-sessions",
        component: "UserSessions",
        loading_component: "UserSessionsLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: None,
        organization_admin: false,
        extra_props: &[ExtraProp {
            name: "currentSessionId",
            description: "required only with a string authToken; the function form reads the session from the token",
        }],
        summary: "The signed-in user sees and revokes their sessions across devices.",
    },
    Widget {
        id: "users-management",
        component: "UsersManagement",
        loading_component: "UsersManagementLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::UsersTable),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin invites, removes and changes the roles of organization members.",
    },
    Widget {
        id: "organization-switcher",
        component: "OrganizationSwitcher",
        loading_component: "OrganizationSwitcherLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: None,
        organization_admin: false,
        extra_props: &[ExtraProp {
            name: "switchToOrganization",
            description: "({ organizationId }) => void | Promise<void>: switch the session to that organization",
        }],
        summary: "The signed-in user switches between their organizations.",
    },
    Widget {
        id: "pipes",
        component: "Pipes",
        loading_component: "PipesLoading",
        loading_props: " count={3}",
        import_path: "@workos-inc/widgets",
        scope: None,
        organization_admin: false,
        extra_props: &[],
        summary: "The signed-in user connects third-party accounts (Pipes).",
    },
    Widget {
        id: "pipes-admin",
        component: "PipesAdmin",
        loading_component: "PipesAdminLoading",
        loading_props: " count={3}",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::Pipes),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin configures the organization's shared Pipes connections.",
    },
    Widget {
        id: "admin-portal-sso-connection",
        component: "AdminPortalSsoConnection",
        loading_component: "AdminPortalSsoConnectionLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::Sso),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin sets up the organization's SSO connection.",
    },
    Widget {
        id: "admin-portal-domain-verification",
        component: "AdminPortalDomainVerification",
        loading_component: "AdminPortalDomainVerificationLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::DomainVerification),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin verifies the organization's domains.",
    },
    Widget {
        id: "admin-portal-audit-log-streaming",
        component: "AdminPortalAuditLogStreaming",
        loading_component: "AdminPortalAuditLogStreamingLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::AuditLogStreaming),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin streams the organization's audit logs to a SIEM.",
    },
    Widget {
        id: "api-keys",
        component: "ApiKeys",
        loading_component: "ApiKeysLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::ApiKeys),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin creates and revokes the organization's API keys.",
    },
    Widget {
        id: "directory-sync",
        component: "DirectorySync",
        loading_component: "DirectorySyncLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::Dsync),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin connects the organization's directory (SCIM, Google, ...).",
    },
];

/// Looks a widget up by id.
pub fn find(id: &str) -> Option<&'static Widget> {
    WIDGETS.iter().find(|w| w.id == id)
}

/// Looks a widget up the way a person may type it: its id
/// (`user-profile`), its component name (`UserProfile`), in any case and
/// with `-`, `_` or spaces anywhere (`User-Profile`, `user_profile`).
pub fn lookup(input: &str) -> Option<&'static Widget> {
    let wanted = squash(input);
    if wanted.is_empty() {
        return None;
    }
    WIDGETS
        .iter()
        .find(|w| squash(w.id) == wanted || squash(w.component) == wanted)
}

/// The id closest to `input` when it is a likely typo (a few edits away),
/// for "did you mean" hints.
pub fn suggest(input: &str) -> Option<&'static str> {
    let wanted = squash(input);
    WIDGETS
        .iter()
        .map(|w| (edit_distance(&wanted, &squash(w.id)), w.id))
        .min()
        .filter(|(distance, id)| *distance <= (squash(id).len() / 3).clamp(1, 4))
        .map(|(_, id)| id)
}

/// Lower-case ASCII letters and digits only.
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Levenshtein distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// Looks a widget up by its exported component name.
pub fn find_by_component(component: &str) -> Option<&'static Widget> {
    WIDGETS.iter().find(|w| w.component == component)
}

/// Every widget id, comma-separated, for error messages.
pub fn ids() -> String {
    WIDGETS.iter().map(|w| w.id).collect::<Vec<_>>().join(", ")
}

/// The sorted, de-duplicated scopes a set of widgets needs.
pub fn scopes_for<'w>(widgets: impl IntoIterator<Item = &'w Widget>) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = widgets.into_iter().filter_map(|w| w.scope).collect();
    scopes.sort();
    scopes.dedup();
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_widgets_up_by_id_or_component_name() {
        for input in [
            "user-profile",
            "UserProfile",
            "User-Profile",
            "user_profile",
            " USER PROFILE ",
        ] {
            assert_eq!(lookup(input).map(|w| w.id), Some("user-profile"), "{input}");
        }
        assert_eq!(lookup("").map(|w| w.id), None);
        assert_eq!(lookup("profile").map(|w| w.id), None);
    }

    #[test]
    fn suggests_the_id_a_typo_is_closest_to() {
        assert_eq!(suggest("user-profle"), Some("user-profile"));
        assert_eq!(suggest("users-managment"), Some("users-management"));
        assert_eq!(suggest("sso"), None, "too far from every id");
        assert_eq!(suggest("banana"), None);
    }

    #[test]
    fn has_twelve_unique_widgets() {
        assert_eq!(WIDGETS.len(), 12);
        let mut ids: Vec<_> = WIDGETS.iter().map(|w| w.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 12);
        for widget in WIDGETS {
            assert_eq!(find(widget.id).map(|w| w.component), Some(widget.component));
            assert_eq!(
                widget.loading_component,
                format!("{}Loading", widget.component)
            );
        }
    }

    #[test]
    fn maps_widgets_to_scopes() {
        let chosen = [
            find("user-profile").unwrap(),
            find("users-management").unwrap(),
        ];
        assert_eq!(scopes_for(chosen), [Scope::UsersTable]);
        assert_eq!(Scope::parse("widgets:sso:manage"), Some(Scope::Sso));
        assert_eq!(Scope::parse("widgets:user-profile:manage"), None);
    }

    #[test]
    fn knows_which_scopes_the_sdk_types_list() {
        let v8_7 = semver::Version::new(8, 7, 0);
        let v8_13 = semver::Version::new(8, 13, 0);
        assert!(!Scope::Dsync.in_sdk_types(&v8_7));
        assert!(Scope::Dsync.in_sdk_types(&v8_13));
        assert!(!Scope::Pipes.in_sdk_types(&v8_13));
    }
}
