//! Route ids and route files, both ways: the generator names the files of
//! the routes it adds with [`FileRoutes::route_file`], the verifier reads a
//! route module's id back with [`FileRoutes::route_id`].

use std::path::{Path, PathBuf};

/// How a framework's file routes are named, below its routes folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRoutes {
    /// React Router's and Remix's flat routes: segments joined by dots
    /// (`dashboard.settings.tsx`, or `dashboard.settings/route.tsx`); a
    /// route nests in every route whose id is a prefix of its own.
    Flat,
    /// TanStack's file routes: folders and dots both nest, `route.tsx` is
    /// its folder's layout, `(group)` folders add no segment, `-` names
    /// and `__root` are no routes.
    Folders,
}

/// File extensions of route modules.
const MODULE_EXTENSIONS: [&str; 4] = [".tsx", ".ts", ".jsx", ".js"];

impl FileRoutes {
    /// The file (relative to the routes folder, without extension) of the
    /// route with the segments `id`.
    pub fn route_file(self, id: &[&str]) -> PathBuf {
        match self {
            FileRoutes::Flat => PathBuf::from(id.join(".")),
            FileRoutes::Folders => id.iter().collect(),
        }
    }

    /// The segments of the route a file (relative to the routes folder)
    /// defines, `None` when it is no route module.
    pub fn route_id(self, relative: &Path) -> Option<Vec<String>> {
        match self {
            FileRoutes::Flat => flat_route_id(relative),
            FileRoutes::Folders => folder_route_id(relative),
        }
    }
}

fn flat_route_id(relative: &Path) -> Option<Vec<String>> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let name = match parts.as_slice() {
        [file] if is_module(file) => stem(file),
        [folder, file] if is_module(file) && stem(file) == "route" => folder,
        _ => return None,
    };
    Some(name.split('.').map(str::to_owned).collect())
}

fn folder_route_id(relative: &Path) -> Option<Vec<String>> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let (file, folders) = parts.split_last()?;
    if !is_module(file) || parts.iter().any(|p| p.starts_with('-')) {
        return None;
    }
    let file = stem(file);
    if file == "__root" || file.ends_with(".gen") {
        return None;
    }
    let mut id: Vec<String> = folders
        .iter()
        .filter(|f| !(f.starts_with('(') && f.ends_with(')')))
        .flat_map(|f| f.split('.'))
        .map(str::to_owned)
        .collect();
    if file != "route" {
        id.extend(file.split('.').map(str::to_owned));
    }
    (!id.is_empty()).then_some(id)
}

fn is_module(name: &str) -> bool {
    MODULE_EXTENSIONS.iter().any(|ext| name.ends_with(ext))
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_route_file_reads_back_as_its_id() {
        for routes in [FileRoutes::Flat, FileRoutes::Folders] {
            for id in [
                &["api", "workos", "widgets-token"][..],
                &["workos", "users-management"],
                &["dashboard"],
            ] {
                let file = PathBuf::from(format!("{}.tsx", routes.route_file(id).display()));
                let read = routes.route_id(&file);
                let expected: Vec<String> = id.iter().map(|s| (*s).to_owned()).collect();
                assert_eq!(read, Some(expected), "{routes:?} {}", file.display());
            }
        }
    }

    #[test]
    fn names_route_files_as_each_convention_does() {
        let id = ["api", "workos", "widgets-token"];
        assert_eq!(
            FileRoutes::Flat.route_file(&id),
            PathBuf::from("api.workos.widgets-token")
        );
        assert_eq!(
            FileRoutes::Folders.route_file(&id),
            PathBuf::from("api/workos/widgets-token")
        );
    }

    fn id(routes: FileRoutes, path: &str) -> Option<String> {
        routes
            .route_id(Path::new(path))
            .map(|segments| segments.join("."))
    }

    #[test]
    fn reads_flat_route_ids() {
        let flat = |path| id(FileRoutes::Flat, path);
        assert_eq!(
            flat("dashboard.settings.tsx").as_deref(),
            Some("dashboard.settings")
        );
        assert_eq!(
            flat("dashboard.settings/route.tsx").as_deref(),
            Some("dashboard.settings")
        );
        assert_eq!(
            flat("dashboard_.edit.tsx").as_deref(),
            Some("dashboard_.edit")
        );
        assert_eq!(
            flat("dashboard.settings/form.tsx"),
            None,
            "a colocated module"
        );
        assert_eq!(flat("styles.css"), None);
    }

    #[test]
    fn reads_tanstack_route_ids() {
        let folders = |path| id(FileRoutes::Folders, path);
        assert_eq!(folders("posts/route.tsx").as_deref(), Some("posts"));
        assert_eq!(
            folders("posts/$postId.tsx").as_deref(),
            Some("posts.$postId")
        );
        assert_eq!(folders("posts.index.tsx").as_deref(), Some("posts.index"));
        assert_eq!(folders("(auth)/login.tsx").as_deref(), Some("login"));
        assert_eq!(folders("_layout/team.tsx").as_deref(), Some("_layout.team"));
        assert_eq!(folders("__root.tsx"), None);
        assert_eq!(folders("-components/Card.tsx"), None);
        assert_eq!(folders("routeTree.gen.ts"), None);
    }
}
