// The public surface of outcomes/: other features import only this file (src/feature-boundaries.spec.ts).
export { FollowUpAnswer } from './follow-up-answer.entity.js';
export { OutcomesModule } from './outcomes.module.js';
