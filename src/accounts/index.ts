// The public surface of accounts/: other features import only this file (src/feature-boundaries.spec.ts).
export { LoginDto } from './dto/login.dto.js';
export { AccountsService, type Actor, InvalidCredentialsError, TooManyLoginAttemptsError } from './accounts.service.js';
export { Auth, CurrentActor, setSessionCookie, tokenFromRequest } from './roles.guard.js';
export { TokensService } from './tokens.service.js';
export { AccountsModule } from './accounts.module.js';
