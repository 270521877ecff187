import { NavLink, Outlet } from 'react-router'
import { Providers } from './providers.tsx'

export default function RootLayout() {
  return (
    <Providers>
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
    </Providers>
  )
}
