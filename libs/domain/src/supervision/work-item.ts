import type { ItemResponsibility } from '../access/item-access';
import type { EscalationPolicy, LadderLight } from './escalation-policy';

/** An item's life: 草稿 → 已交办 → 已签收 → 办理中 → 已办结 | 已撤销. */
export type ItemStatus =
  'draft' | 'assigned' | 'acknowledged' | 'in_progress' | 'completed' | 'cancelled';

/** A milestone: 待报送 → 已报送 → 已审核 | 已退回 → 已报送 … */
export type MilestoneStatus = 'pending' | 'submitted' | 'approved' | 'returned';

export interface Evidence {
  readonly id: string;
  readonly sha256: string;
}

/** Progress on the item's numbered targets (index into its target list). */
export interface TargetProgress {
  readonly target: number;
  readonly value: number;
}

export interface Submission {
  readonly at: string;
  readonly by: string;
  readonly text: string;
  readonly progress: readonly TargetProgress[];
  readonly evidence: readonly Evidence[];
}

export interface ExtensionRequest {
  readonly at: string;
  readonly by: string;
  readonly dueAt: string;
  readonly reason: string;
}

export interface Milestone {
  readonly key: string;
  readonly title: string;
  /** ISO-8601 instant the milestone falls due (a day-based deadline: the end of that day). */
  readonly dueAt: string;
  readonly status: MilestoneStatus;
  readonly submissions: readonly Submission[];
  readonly extension: ExtensionRequest | null;
  /** Ladder steps already fired since the deadline last moved (`reminder0@v1` …). */
  readonly firedSteps: readonly string[];
  /** The light the last fired escalation set. */
  readonly escalation: LadderLight | null;
}

/** A milestone nobody has reported on yet. */
export function pendingMilestone(key: string, title: string, dueAt: string): Milestone {
  return {
    key,
    title,
    dueAt,
    status: 'pending',
    submissions: [],
    extension: null,
    firedSteps: [],
    escalation: null,
  };
}

/** Who answers for the item, and the one person who receives its reminders. */
export interface WorkItemResponsibility extends ItemResponsibility {
  readonly responsibleId: string | null;
}

export interface WorkItemState {
  readonly planId: string;
  readonly itemId: string;
  readonly itemNo: number;
  /**
   * The plan's year, which bounds when its milestones may fall due (dueWindow). Absent from the
   * states of workflows started before it was recorded.
   */
  readonly planYear?: number;
  readonly title: string;
  /** The quantity of each of the item's targets, in order: progress is reported against them. */
  readonly targetQuantities: readonly number[];
  readonly status: ItemStatus;
  readonly responsibility: WorkItemResponsibility;
  readonly milestones: readonly Milestone[];
  readonly startedAt: string;
  /** The plan's policy, or the item's own once the supervision office overrides it. */
  readonly policy: EscalationPolicy;
  /**
   * Set when the policy was overridden, or when confirm chose to skip what was already past:
   * ladder steps due before then are skipped, not caught up.
   */
  readonly policySince: string | null;
}

/** Whether a milestone's ladder still runs: it stops once something is submitted or approved. */
export function ladderRuns(
  item: Pick<WorkItemState, 'status'>,
  milestone: Pick<Milestone, 'status'>,
): boolean {
  const active =
    item.status !== 'completed' && item.status !== 'cancelled' && item.status !== 'draft';
  return active && (milestone.status === 'pending' || milestone.status === 'returned');
}

/** A ladder step's identity: its kind, position and the policy version it belongs to. */
export function stepId(
  kind: 'reminder' | 'escalation',
  step: number,
  policyVersion: number,
): string {
  return `${kind}${step}@v${policyVersion}`;
}
