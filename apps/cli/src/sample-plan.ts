import * as fs from 'node:fs';
import * as path from 'node:path';

const SAMPLE = path.resolve(
  __dirname,
  '../../../samples/plans/2024-district-civil-affairs-work-plan.txt',
);

/** The year the sample document was written for. */
const SAMPLE_YEAR = 2024;

interface ImportedPlan {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  readonly sections: readonly { readonly items: readonly unknown[] }[];
}

/** China has one time zone: the year a person there is living in. */
function currentChinaYear(now = new Date()): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/**
 * The year the demo plan is for: the current one, so that its deadlines lie ahead as a real
 * plan's would (the sample is a 2024 document), unless SAMPLE_PLAN_YEAR says otherwise.
 */
export function samplePlanYear(env: NodeJS.ProcessEnv = process.env, now = new Date()): number {
  const given = env['SAMPLE_PLAN_YEAR'];
  if (given === undefined || given === '') return currentChinaYear(now);
  const year = Number(given);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new Error(`SAMPLE_PLAN_YEAR must be a year such as 2024, not "${given}"`);
  }
  return year;
}

/**
 * Gives a newcomer something to look at: the sample plan, imported as a draft through the API
 * by the demo supervisor, like any upload, as a plan of `samplePlanYear()`. The API answers the
 * stored plan when the same content was imported before for the same year.
 */
export async function importSamplePlan(
  apiUrl: string,
  supervisor: { readonly username: string; readonly password: string },
): Promise<{ id: string; summary: string }> {
  const year = samplePlanYear();
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
      year,
    }),
  });
  if (!response.ok)
    throw new Error(
      `importing the sample plan failed: HTTP ${response.status} ${await response.text()}`,
    );
  const plan = (await response.json()) as ImportedPlan;
  const items = plan.sections.reduce((n, s) => n + s.items.length, 0);
  const moved =
    plan.year === SAMPLE_YEAR
      ? ''
      : `，作为 ${plan.year} 年度计划导入、文中日期顺延至 ${plan.year} 年（SAMPLE_PLAN_YEAR=${SAMPLE_YEAR} 可按原年度导入）`;
  return {
    id: plan.id,
    summary: `${plan.title}（${plan.sections.length} 个部分，${items} 个工作事项，草稿${moved}）`,
  };
}
