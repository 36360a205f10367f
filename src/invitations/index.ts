// The public surface of invitations/: other features import only this file (src/feature-boundaries.spec.ts).
export { Invitation } from './invitation.entity.js';
export { InvitationsModule } from './invitations.module.js';
