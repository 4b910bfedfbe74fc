// Remembers (not securely, only as a hint) that this browser had a session, so the first load can
// ask for the page's data while the session check is still in flight. The httpOnly cookie stays
// the only credential; a wrong hint costs one 401.
const KEY = "advo.hadSession";

export const hadSession = () => {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
};

export const rememberSession = (present: boolean) => {
  try {
    if (present) localStorage.setItem(KEY, "1");
    else localStorage.removeItem(KEY);
  } catch {
    // Storage can be unavailable (private mode, quotas): the hint is only an optimisation.
  }
};
