// Lets a create-next-app template build and run without internet: the
// templates load Geist and Geist Mono through next/font/google, which
// downloads them at build time (and on first render in `next dev`). Next.js
// reads canned Google Fonts CSS from the file named by
// NEXT_FONT_GOOGLE_MOCKED_RESPONSES; Turbopack still fetches the font files
// the CSS points at, so this also serves a stand-in font file on 127.0.0.1.
//
// CLI:    node offline-fonts.mjs MOCK_FILE      writes MOCK_FILE (CommonJS), then serves until killed
// Module: const fonts = await startOfflineFonts(MOCK_FILE)   // { url, mockFile, close() }

import { createServer } from 'node:http'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const FAMILIES = ['Geist', 'Geist Mono']

/** Serve the stand-in font on 127.0.0.1 and write the canned CSS to mockFile. */
export async function startOfflineFonts(mockFile) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'font/woff2' })
    res.end(Buffer.alloc(64))
  })
  await new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', ok)
  })
  const url = `http://127.0.0.1:${server.address().port}`
  const css = (family) =>
    `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: 100 900;\n` +
    `  font-display: swap;\n  src: url(${url}/${family.replace(/ /g, '')}.woff2) format('woff2');\n}\n`
  const googleUrl = (family) =>
    `https://fonts.googleapis.com/css2?family=${family.replace(/ /g, '+')}:wght@100..900&display=swap`
  const responses = Object.fromEntries(FAMILIES.map((family) => [googleUrl(family), css(family)]))
  writeFileSync(mockFile, `module.exports = ${JSON.stringify(responses, null, 2)}\n`)
  return { url, mockFile, server, close: () => new Promise((ok) => server.close(ok)) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mockFile = process.argv[2]
  if (!mockFile) {
    console.error('usage: node offline-fonts.mjs MOCK_FILE')
    process.exit(2)
  }
  const { url } = await startOfflineFonts(mockFile)
  console.log(`offline fonts on ${url}, responses in ${mockFile}`)
}
