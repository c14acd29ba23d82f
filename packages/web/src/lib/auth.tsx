import { authApi, rolePermissions, type Permission, type Role, type SessionView } from '@kaohe/contract/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { ApiError, callApi, setCsrfToken } from './api-client';
import { clearKaoheStorage } from './storage';

export const sessionKey = ['session'] as const;

type Auth = {
  session: SessionView | null;
  isLoading: boolean;
  can: (permission: Permission) => boolean;
  hasRole: (...roles: Role[]) => boolean;
  signedIn: (session: SessionView) => void;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

/** The session as the server sees it (GET /api/auth/session); null when not logged in. */
async function loadSession(): Promise<SessionView | null> {
  try {
    const session = await callApi(authApi.session);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthenticated') return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: Infinity, retry: false });
  const session = query.data ?? null;

  const signedIn = useCallback(
    (next: SessionView) => {
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(sessionKey, next);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await callApi(authApi.logout);
    } catch {
      // an expired session is logged out already; the browser side is cleared regardless
    }
    setCsrfToken(null);
    clearKaoheStorage();
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
  }, [queryClient]);

  const value = useMemo<Auth>(() => {
    const full = session?.stage === 'full';
    const roles = new Set((session?.roles ?? []).map((g) => g.role as Role));
    return {
      session,
      isLoading: query.isLoading,
      can: (permission) => full && [...roles].some((role) => rolePermissions[role]?.includes(permission)),
      hasRole: (...wanted) => wanted.some((role) => roles.has(role)),
      signedIn,
      signOut,
    };
  }, [session, query.isLoading, signedIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
