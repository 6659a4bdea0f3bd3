import { useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { apiClient, wsClient } from './client';
import { sessions, type Session } from './session';
import { Login } from './screens/Login';
import { Finance } from './screens/Finance';
import { Customer } from './screens/Customer';

function useSession(): Session | null {
  const [session, setSession] = useState(sessions.session);
  useEffect(() => sessions.subscribe(setSession), []);
  return session;
}

/** The screens of the caller's role, with a client (and WebSocket) for its session. */
function Signed({ session }: { session: Session }) {
  const ws = useMemo(() => wsClient(), [session.user.id]);
  const client = useMemo(() => apiClient(ws), [ws]);
  useEffect(() => () => { void ws.dispose(); }, [ws]);
  const staff = session.user.role === 'FINANCE' || session.user.role === 'ADMIN';
  return (
    <Provider value={client}>
      <header className="bar">
        <strong className="brand">Folio</strong>
        <span className="who">{session.user.email} · {session.user.role.toLowerCase()}</span>
        <button type="button" onClick={() => void sessions.logout()}>Log out</button>
      </header>
      <main>{staff ? <Finance ws={ws} /> : <Customer ws={ws} />}</main>
    </Provider>
  );
}

export function App() {
  const session = useSession();
  return session ? <Signed session={session} /> : <Login />;
}
