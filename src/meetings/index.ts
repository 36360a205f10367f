// The public surface of meetings/: other features import only this file (src/feature-boundaries.spec.ts).
export { MeetingsModule } from './meetings.module.js';
