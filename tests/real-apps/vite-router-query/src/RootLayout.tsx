import { NavLink, Outlet } from 'react-router'
import { QueryClientProvider } from '@tanstack/react-query'
import { queryClient } from './queryClient.ts'

export default function RootLayout() {
  return (
    <QueryClientProvider client={queryClient}>
      <header className="site-header">
        <nav>
          <NavLink to="/" end>
            Home
          </NavLink>
          <NavLink to="/about">About</NavLink>
        </nav>
      </header>
      <main>
        <Outlet />
      </main>
    </QueryClientProvider>
  )
}
