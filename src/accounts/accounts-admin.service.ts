import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import { ROLES, type Account } from './account.entity.js';
import { AccountsService, MIN_PASSWORD_LENGTH, type AccountChange, type Actor } from './accounts.service.js';
import type { CreateAccountDto } from './dto/login.dto.js';

export type { AccountChange };

/**
 * Account management for admins, on top of AccountsService, with an audit record for each change.
 * An admin cannot disable or demote themself: that is how the last admin gets locked out.
 */
@Injectable()
export class AccountsAdminService {
  constructor(private readonly accounts: AccountsService) {}

  list(): Promise<Account[]> {
    return this.accounts.list();
  }

  /** A ConflictError when the email is taken. */
  create(input: CreateAccountDto, actor: Actor): Promise<Account> {
    return this.accounts.create(input.email, input.password, input.role, actor);
  }

  /**
   * An admin sets OTHER accounts' passwords here, without knowing them. One's own password is changed
   * on one's own account page only (AccountsService.changeOwnPassword), where the current one is asked
   * for and its tries are throttled: a session left open on a shared laptop must not be enough.
   */
  async change(id: string, change: AccountChange, actor: Actor): Promise<Account> {
    if ('role' in change && !(ROLES as readonly string[]).includes(change.role)) throw new InvalidInputError('role', 'unknown role');
    if ('password' in change && (change.password.length < MIN_PASSWORD_LENGTH || change.password.length > 200)) {
      throw new InvalidInputError('password', `must be ${MIN_PASSWORD_LENGTH} to 200 characters`);
    }
    if (id === actor.id && 'password' in change) throw new ConflictError('own_password', 'password: change your own password on your account page');
    if (id === actor.id && ('role' in change || 'disabled' in change)) {
      throw new ConflictError('own_account', 'account: you cannot change the role of or disable your own account');
    }
    return this.accounts.update(id, change, actor);
  }
}
