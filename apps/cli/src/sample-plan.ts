import * as fs from 'node:fs';
import * as path from 'node:path';

const SAMPLE = path.resolve(
  __dirname,
  '../../../samples/plans/2024-district-civil-affairs-work-plan.txt',
);

interface ImportedPlan {
  readonly id: string;
  readonly title: string;
  readonly sections: readonly { readonly items: readonly unknown[] }[];
}

/**
 * Gives a newcomer something to look at: the sample plan, imported as a draft through the API
 * by the demo supervisor, like any upload. The API answers the stored plan when the same content was imported before.
 */
export async function importSamplePlan(
  apiUrl: string,
  supervisor: { readonly username: string; readonly password: string },
): Promise<{ id: string; summary: string }> {
  const login = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: supervisor.username, password: supervisor.password }),
  });
  if (!login.ok) {
    throw new Error(`signing in as ${supervisor.username} failed: HTTP ${login.status}`);
  }
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${apiUrl}/plans/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      text: fs.readFileSync(SAMPLE, 'utf8'),
      fileName: path.basename(SAMPLE),
    }),
  });
  if (!response.ok)
    throw new Error(
      `importing the sample plan failed: HTTP ${response.status} ${await response.text()}`,
    );
  const plan = (await response.json()) as ImportedPlan;
  const items = plan.sections.reduce((n, s) => n + s.items.length, 0);
  return {
    id: plan.id,
    summary: `${plan.title}（${plan.sections.length} 个部分，${items} 个工作事项，草稿）`,
  };
}
