//! What each `@workos-inc/node` major offers widgets: the one threshold the
//! generator (`generator::sdk`) and the verifier (WW402) share.

/// The first `@workos-inc/node` major whose widgets token call is
/// `widgets.createToken(...)`, resolving to `{ token }`; 7.x and 8.x have
/// `widgets.getToken(...)`, resolving to the token string (read in each
/// major's `.d.ts`: 7.82.0, 8.13.0, 9.3.1, 10.14.0, 11.0.0, 12.3.0).
const CREATE_TOKEN_MAJOR: u64 = 9;

/// Whether `@workos-inc/node` of this major mints widget tokens with
/// `widgets.createToken(...)` (9 and later) rather than `getToken(...)`:
/// the one threshold the generator and the verifier share.
pub const fn uses_create_token(sdk_major: u64) -> bool {
    sdk_major >= CREATE_TOKEN_MAJOR
}

/// The widgets token method of `@workos-inc/node` of this major.
pub const fn token_method(sdk_major: u64) -> &'static str {
    if uses_create_token(sdk_major) {
        "createToken"
    } else {
        "getToken"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_9_and_later_create_tokens() {
        assert_eq!(token_method(7), "getToken");
        assert_eq!(token_method(8), "getToken");
        assert_eq!(token_method(9), "createToken");
        assert_eq!(token_method(12), "createToken");
    }
}
