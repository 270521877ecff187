//! WW304: `OrganizationSwitcher` without `switchToOrganization`.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW304",
    name: "switch-organization-missing",
    severity: Severity::Error,
    summary: "OrganizationSwitcher has no switchToOrganization prop",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
`<OrganizationSwitcher>` elements without `switchToOrganization`.

## Why it matters
The prop is required: it is how the widget asks your app to move the
session to the organization the user picked. Without it `tsc` fails and
picking an organization does nothing.

## Example
```tsx
// bad
<OrganizationSwitcher authToken={getAccessToken} />
// good (AuthKit React)
const { getAccessToken, switchToOrganization } = useAuth()
<OrganizationSwitcher authToken={getAccessToken} switchToOrganization={switchToOrganization} />
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .widget_elements()
        .filter(|(_, e, w)| {
            w.component == "OrganizationSwitcher"
                && !e.has_spread
                && e.attribute("switchToOrganization").is_none()
        })
        .map(|(file, element, _)| {
            RULE.finding(
                Location::span(file, element.span),
                "<OrganizationSwitcher> has no switchToOrganization",
            )
            .with_help(
                "pass ({ organizationId }) => ... that switches the session (AuthKit's useAuth().switchToOrganization does)",
            )
        })
        .collect()
}
