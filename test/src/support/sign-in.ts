/** Logs in over HTTP as a client does; the access token for `Authorization: Bearer`. */
export async function signIn(api: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login as ${username}: HTTP ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
