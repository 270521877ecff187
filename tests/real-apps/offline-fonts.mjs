// Lets `next build` of a create-next-app template run without internet:
// the templates load Geist and Geist Mono through next/font/google, which
// downloads them at build time. Next.js reads canned Google Fonts CSS from the
// file named by NEXT_FONT_GOOGLE_MOCKED_RESPONSES; Turbopack still fetches the
// font files the CSS points at, so this also serves a stand-in font file on
// 127.0.0.1.
//
// Usage: node offline-fonts.mjs MOCK_FILE
//   writes MOCK_FILE (CommonJS), then serves until killed.

import { createServer } from 'node:http'
import { writeFileSync } from 'node:fs'

const mockFile = process.argv[2]
if (!mockFile) {
  console.error('usage: node offline-fonts.mjs MOCK_FILE')
  process.exit(2)
}

const FAMILIES = ['Geist', 'Geist Mono']

const server = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'font/woff2' })
  res.end(Buffer.alloc(64))
})

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address()
  const css = (family) =>
    `@font-face {\n  font-family: '${family}';\n  font-style: normal;\n  font-weight: 100 900;\n` +
    `  font-display: swap;\n  src: url(http://127.0.0.1:${port}/${family.replace(/ /g, '')}.woff2) format('woff2');\n}\n`
  const url = (family) =>
    `https://fonts.googleapis.com/css2?family=${family.replace(/ /g, '+')}:wght@100..900&display=swap`
  const responses = Object.fromEntries(FAMILIES.map((family) => [url(family), css(family)]))
  writeFileSync(mockFile, `module.exports = ${JSON.stringify(responses, null, 2)}\n`)
  console.log(`offline fonts on http://127.0.0.1:${port}, responses in ${mockFile}`)
})
