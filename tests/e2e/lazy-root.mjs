// Moves the <WorkOsWidgets> root of an app init set up (React Router 7) out
// of the root module and into a wrapper that each widget route loads with
// React.lazy: the shape of real apps whose provider is code-split. verify
// must follow it (0 errors) and the widgets must still render.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WRAPPER = 'app/workos/LazyWidgetsRoot.tsx';

/** Rewrites the app; returns a function that puts every file back. */
export function moveRootIntoLazyWrapper(appDir) {
  const saved = new Map();
  const edit = (rel, change) => {
    const file = join(appDir, rel);
    const text = readFileSync(file, 'utf8');
    saved.set(file, text);
    const changed = change(text);
    if (changed === text) throw new Error(`lazy-root: nothing to change in ${rel}`);
    writeFileSync(file, changed);
  };
  let optionsImport;
  edit('app/root.tsx', (text) => {
    optionsImport = text.match(/^import \{ workosApiOptions \} from (["'][^"']+["']);?$/m)?.[1];
    if (!optionsImport) throw new Error('lazy-root: app/root.tsx does not import workosApiOptions');
    return text
      .replace(/^import \{ WorkOsWidgets \} from ["']@workos-inc\/widgets["'];?\n/m, '')
      .replace(/^import \{ workosApiOptions \} from .*\n/m, '')
      .replace(/<WorkOsWidgets\b[^>]*>/, '<>')
      .replace('</WorkOsWidgets>', '</>');
  });
  writeFileSync(
    join(appDir, WRAPPER),
    `import type { ReactNode } from "react";
import { WorkOsWidgets } from "@workos-inc/widgets";
import { workosApiOptions } from ${optionsImport};

export default function LazyWidgetsRoot({ children }: { children: ReactNode }) {
  return <WorkOsWidgets {...workosApiOptions}>{children}</WorkOsWidgets>;
}
`,
  );
  const pages = readdirSync(join(appDir, 'app/routes')).filter((f) => /^workos\..+\.tsx$/.test(f));
  if (pages.length === 0) throw new Error('lazy-root: no app/routes/workos.*.tsx page');
  for (const page of pages) {
    edit(`app/routes/${page}`, (text) =>
      text
        .replace(
          /\nexport default function/,
          '\nimport { lazy, Suspense } from "react";\n\nconst WidgetsRoot = lazy(() => import("~/workos/LazyWidgetsRoot"));\n\nexport default function',
        )
        .replace('<main>', '<Suspense fallback={null}>\n      <WidgetsRoot>\n        <main>')
        .replace('</main>', '</main>\n      </WidgetsRoot>\n    </Suspense>'),
    );
  }
  return () => {
    for (const [file, text] of saved) writeFileSync(file, text);
  };
}
