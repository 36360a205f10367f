import { isRegisteredOrBetter, UNGM_STAGES, type UngmStage } from './follow-up-answer.entity.js';

/**
 * What a company at each UNGM stage does next, as i18n keys under `outcomes.guide.<stage>`:
 * a heading (`next`) and a checklist of UNGM's requirements in plain words (`steps.1..n`).
 * The counts here must match the locale files (a unit test checks).
 */
export const GUIDE_STEPS: Record<UngmStage, number> = {
  none: 4,
  account: 4,
  basic: 3,
  registered: 3,
  level1: 3,
  level2: 3,
};

export interface GuideView {
  stage: UngmStage;
  nextKey: string;
  stepKeys: string[];
}

export function guideFor(stage: UngmStage): GuideView {
  return {
    stage,
    nextKey: `outcomes.guide.${stage}.next`,
    stepKeys: Array.from({ length: GUIDE_STEPS[stage] }, (_, index) => `outcomes.guide.${stage}.steps.s${index + 1}`),
  };
}

export function allGuides(): GuideView[] {
  return UNGM_STAGES.map(guideFor);
}

export { isRegisteredOrBetter };
