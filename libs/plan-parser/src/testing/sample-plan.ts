import * as fs from 'node:fs';
import * as path from 'node:path';

/** The sample shipped with the project: 区民政局2024年工作要点, cut off in item (十九). */
export const SAMPLE_PLAN_PATH = path.resolve(
  __dirname,
  '../../../../samples/plans/2024-district-civil-affairs-work-plan.txt',
);

export function samplePlanText(): string {
  return fs.readFileSync(SAMPLE_PLAN_PATH, 'utf8');
}
