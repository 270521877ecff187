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

/// A widget token scope: the permission a widget checks in its token's
/// `permissions` claim (in the browser, before any API call). The strings
/// are the nine of `@workos-inc/node` 12's scope type; older majors list
/// fewer (see [`Scope::in_sdk_types`]) and the SDK sends the others as they
/// are when the list is cast.
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
    #[serde(rename = "widgets:user-api-keys:manage-self")]
    UserApiKeysSelf,
    #[serde(rename = "widgets:user-api-keys:manage-all")]
    UserApiKeysAll,
}

impl Scope {
    /// Every scope, in a stable order.
    pub const ALL: [Scope; 9] = [
        Scope::UsersTable,
        Scope::Sso,
        Scope::DomainVerification,
        Scope::Dsync,
        Scope::ApiKeys,
        Scope::AuditLogStreaming,
        Scope::Pipes,
        Scope::UserApiKeysSelf,
        Scope::UserApiKeysAll,
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
            Scope::UserApiKeysSelf => "widgets:user-api-keys:manage-self",
            Scope::UserApiKeysAll => "widgets:user-api-keys:manage-all",
        }
    }

    /// Parses an exact scope string.
    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether `@workos-inc/node`'s scope type (at `sdk_version`) lists this
    /// scope: 7.x has users-table, sso, domain-verification and api-keys;
    /// `dsync` and `audit-log-streaming` arrived in 8.8.0; `pipes` and the
    /// two `user-api-keys` scopes in 12 (12.3.0 read; 11.0.0 lacks them).
    /// Generated TypeScript casts a list holding one the type lacks.
    pub fn in_sdk_types(self, sdk_version: &semver::Version) -> bool {
        match self {
            Scope::Pipes | Scope::UserApiKeysSelf | Scope::UserApiKeysAll => {
                sdk_version.major >= 12
            }
            Scope::Dsync | Scope::AuditLogStreaming => {
                *sdk_version >= semver::Version::new(8, 8, 0)
            }
            Scope::UsersTable | Scope::Sso | Scope::DomainVerification | Scope::ApiKeys => true,
        }
    }
}

/// What a rendered widget needs in its token: `scope`, or one of
/// `alternatives` (the widget accepts any of them). `scope` is what the tool
/// asks for and adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ScopeNeed {
    pub scope: Scope,
    pub alternatives: &'static [Scope],
}

impl ScopeNeed {
    /// A need only `scope` meets.
    pub const fn only(scope: Scope) -> Self {
        Self {
            scope,
            alternatives: &[],
        }
    }

    /// Whether a token with `scopes` meets it.
    pub fn met_by(&self, scopes: &[Scope]) -> bool {
        self.accepts(|s| scopes.contains(&s))
    }

    /// Whether `scope` meets it.
    pub fn accepts_scope(&self, scope: Scope) -> bool {
        self.accepts(|s| s == scope)
    }

    fn accepts(&self, mut test: impl FnMut(Scope) -> bool) -> bool {
        test(self.scope) || self.alternatives.iter().copied().any(test)
    }

    /// `a`, or `a (or b)` with its alternatives, for messages and tables.
    pub fn describe(&self) -> String {
        if self.alternatives.is_empty() {
            return self.scope.as_str().to_owned();
        }
        let others: Vec<&str> = self.alternatives.iter().map(|s| s.as_str()).collect();
        format!("{} (or {})", self.scope.as_str(), others.join(", "))
    }
}

/// `<ApiKeys scope={computed}>`: whichever variant renders, one of its scopes.
const ANY_API_KEYS_NEED: ScopeNeed = ScopeNeed {
    scope: Scope::ApiKeys,
    alternatives: &[Scope::UserApiKeysSelf, Scope::UserApiKeysAll],
};

/// A widget element's `scope` prop, for widgets that have one (`ApiKeys`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// No prop, or `"organization"` (the default).
    Organization,
    /// `scope="user"`.
    User,
    /// Not a string literal.
    Unknown,
}

/// `<ApiKeys scope="user">`'s need: the widget checks for either user API
/// key permission (`use-permissions.js` takes any of the two). The tool asks
/// for `manage-self` (each user manages their own keys); `manage-all` also
/// lets the holder manage every member's keys, an admin's power the widget
/// only unlocks extra controls with.
pub const USER_API_KEYS_NEED: ScopeNeed = ScopeNeed {
    scope: Scope::UserApiKeysSelf,
    alternatives: &[Scope::UserApiKeysAll],
};

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
    /// What it needs instead with `scope="user"` (`ApiKeys`' user API keys).
    pub user_scope: Option<ScopeNeed>,
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

    /// What the token must hold for this widget, given the element's
    /// `scope` prop (a widget without a user variant ignores it). When the
    /// prop is computed, either variant's scopes will do.
    pub fn need(&self, variant: Variant) -> Option<ScopeNeed> {
        match (self.user_scope, variant) {
            (Some(need), Variant::User) => Some(need),
            (Some(_), Variant::Unknown) => Some(ANY_API_KEYS_NEED),
            _ => self.scope.map(ScopeNeed::only),
        }
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
        user_scope: None,
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
        user_scope: None,
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
        user_scope: None,
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
        user_scope: None,
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
        user_scope: None,
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
        user_scope: None,
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
        user_scope: None,
        organization_admin: true,
        extra_props: &[],
        // No `filter` prop (only Pipes has one); the widget checks
        // `widgets:pipes:manage` in its token's permissions.
        summary: "An admin configures the organization's shared Pipes connections.",
    },
    Widget {
        id: "admin-portal-sso-connection",
        component: "AdminPortalSsoConnection",
        loading_component: "AdminPortalSsoConnectionLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::Sso),
        user_scope: None,
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
        user_scope: None,
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
        user_scope: None,
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
        user_scope: Some(USER_API_KEYS_NEED),
        organization_admin: true,
        extra_props: &[],
        summary: "An admin creates and revokes the organization's API keys (scope=\"user\": each user their own).",
    },
    Widget {
        id: "directory-sync",
        component: "DirectorySync",
        loading_component: "DirectorySyncLoading",
        loading_props: "",
        import_path: "@workos-inc/widgets",
        scope: Some(Scope::Dsync),
        user_scope: None,
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

    /// The scope type of each major as its `.d.ts` reads (7.82.0:
    /// `WidgetScope`, 4 values; 8.13.0 to 11.0.0: 6; 12.3.0:
    /// `WidgetSessionTokenScopes`, 9).
    #[test]
    fn knows_which_scopes_each_sdk_major_types() {
        let typed = |major: u64, minor: u64| -> Vec<&str> {
            let version = semver::Version::new(major, minor, 0);
            Scope::ALL
                .into_iter()
                .filter(|s| s.in_sdk_types(&version))
                .map(Scope::as_str)
                .collect()
        };
        let four = [
            "widgets:users-table:manage",
            "widgets:sso:manage",
            "widgets:domain-verification:manage",
            "widgets:api-keys:manage",
        ];
        assert_eq!(typed(7, 82), four);
        assert_eq!(typed(8, 7), four);
        for (major, minor) in [(8, 13), (9, 3), (10, 14), (11, 0)] {
            assert_eq!(typed(major, minor).len(), 6, "{major}.{minor}");
            assert!(!typed(major, minor).contains(&"widgets:pipes:manage"));
        }
        assert_eq!(typed(12, 3).len(), 9);
        assert_eq!(typed(12, 3), Scope::ALL.map(Scope::as_str));
    }

    #[test]
    fn api_keys_needs_a_user_scope_with_scope_user() {
        let keys = find("api-keys").unwrap();
        assert_eq!(
            keys.need(Variant::Organization),
            Some(ScopeNeed::only(Scope::ApiKeys))
        );
        let user = keys.need(Variant::User).unwrap();
        assert_eq!(user.scope, Scope::UserApiKeysSelf);
        assert!(user.met_by(&[Scope::UserApiKeysAll]));
        assert!(!user.met_by(&[Scope::ApiKeys]));
        let computed = keys.need(Variant::Unknown).unwrap();
        assert!(computed.met_by(&[Scope::ApiKeys]) && computed.met_by(&[Scope::UserApiKeysSelf]));
        let pipes_admin = find("pipes-admin").unwrap();
        assert_eq!(
            pipes_admin.need(Variant::User),
            Some(ScopeNeed::only(Scope::Pipes))
        );
        assert_eq!(
            Scope::parse("widgets:user-api-keys:manage-all"),
            Some(Scope::UserApiKeysAll)
        );
    }
}
