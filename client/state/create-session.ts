// The session as reactive state: who is signed in and what their role may do. Provided once by
// the auth gate (SessionContext) and read with useSession(); the UI shows only what `can` allows.
import { createContext, createSignal, useContext, type Accessor } from 'solid-js';
import type { AuthApi, Me, Permission } from '../auth/auth-api.ts';
import type { ProblemError } from '../api/problem-error.ts';

export interface Session {
  /** undefined while the first check runs. */
  me: Accessor<Me | undefined>;
  error: Accessor<ProblemError | null>;
  isSignedIn: () => boolean;
  can: (permission: Permission) => boolean;
  refresh: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const ANONYMOUS: Me = { user: null, role: 'resident', permissions: ['reports:create'], via: null };

export function createSession(api: AuthApi): Session {
  const [me, setMe] = createSignal<Me>();
  const [error, setError] = createSignal<ProblemError | null>(null);
  const refresh = async () => {
    try {
      setMe(await api.me());
      setError(null);
    } catch (err) {
      setError(err as ProblemError);
      setMe(ANONYMOUS);
    }
  };
  void refresh();
  return {
    me,
    error,
    isSignedIn: () => me()?.user != null,
    can: (p) => me()?.permissions.includes(p) ?? false,
    refresh,
    async signIn(email, password) {
      await api.signIn(email, password); // throws a ProblemError the form shows
      await refresh();
    },
    async signOut() {
      await api.signOut();
      setMe(ANONYMOUS);
    },
  };
}

export const SessionContext = createContext<Session>();

/** The session from the auth gate; outside it, an anonymous one that can only report. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (s) return s;
  return { me: () => ANONYMOUS, error: () => null, isSignedIn: () => false, can: (p) => p === 'reports:create', refresh: async () => {}, signIn: async () => {}, signOut: async () => {} };
}
