import { useQuery } from '@tanstack/react-query'

type BuildInfo = { name: string; builtAt: string }

async function fetchBuildInfo(): Promise<BuildInfo> {
  return { name: 'vite-router-query', builtAt: new Date().toISOString() }
}

export default function About() {
  const { data, isPending } = useQuery({
    queryKey: ['build-info'],
    queryFn: fetchBuildInfo,
  })

  if (isPending) return <p>Loading…</p>
  return (
    <section>
      <h1>About</h1>
      <p>
        {data?.name} rendered at {data?.builtAt}
      </p>
    </section>
  )
}
