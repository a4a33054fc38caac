/**
 * The dashboard token (the Worker's `DASHBOARD_TOKEN`), which unlocks the dashboard when the
 * Worker uses the token authorizer. It is not the Lambda Cloud key. It arrives in the URL
 * fragment (`/#token=…`, printed by `npm start`; fragments are never sent to servers), or is
 * typed in; it is kept in sessionStorage for this tab only.
 */

const STORAGE_KEY = "lambda-cloud-dashboard-token";

/** Moves a `#token=…` fragment into sessionStorage and removes it from the address bar. */
export function adoptTokenFromFragment(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get("token");
  if (!token) return;
  sessionStorage.setItem(STORAGE_KEY, token);
  history.replaceState(null, "", location.pathname + location.search);
}

/** The dashboard token of this tab, if any. */
export function dashboardToken(): string | undefined {
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

/** Remembers a token typed into the unlock form. */
export function rememberToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
}

/** Forgets the tab's token, e.g. one the Worker did not accept, so that it is not sent again. */
export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
