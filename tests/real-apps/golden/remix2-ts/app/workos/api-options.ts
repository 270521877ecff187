// Where the widgets send their browser requests. VITE_WORKOS_API_BASE_URL is
// public (bundled); leave it unset in production (https://api.workos.com).

export interface WorkosApiOptions {
  apiHostname?: string
  port?: number
  https?: boolean
}

export function parseWorkosApiBaseUrl(value: string | undefined): WorkosApiOptions {
  if (!value) return {}
  const url = new URL(value)
  return { apiHostname: url.hostname, https: url.protocol === 'https:', ...(url.port ? { port: Number(url.port) } : {}) }
}

export const workosApiOptions: WorkosApiOptions = parseWorkosApiBaseUrl(import.meta.env.VITE_WORKOS_API_BASE_URL)
