import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import { ROLES, type Account } from './account.entity.js';
import { AccountsService, MIN_PASSWORD_LENGTH, type AccountChange, type Actor } from './accounts.service.js';
import { CreateAccountDto } from './dto/login.dto.js';

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

  /** Validates with the API's own DTO; returns the field that failed, or the new account. */
  async create(input: { email: string; password: string; role: string }, actor: Actor): Promise<{ account?: Account; error?: string }> {
    const dto = plainToInstance(CreateAccountDto, input);
    const errors = await validate(dto);
    if (errors.length) return { error: errors[0].property };
    try {
      const account = await this.accounts.create(dto.email, dto.password, dto.role, actor);
      return { account };
    } catch (error) {
      if (error instanceof ConflictError) return { error: 'exists' };
      throw error;
    }
  }

  async change(id: string, change: AccountChange, actor: Actor): Promise<Account> {
    if ('role' in change && !(ROLES as readonly string[]).includes(change.role)) throw new InvalidInputError('role', 'unknown role');
    if ('password' in change && (change.password.length < MIN_PASSWORD_LENGTH || change.password.length > 200)) {
      throw new InvalidInputError('password', `must be ${MIN_PASSWORD_LENGTH} to 200 characters`);
    }
    if (id === actor.id && ('role' in change || 'disabled' in change)) {
      throw new ConflictError('own_account', 'account: you cannot change the role of or disable your own account');
    }
    return this.accounts.update(id, change, actor);
  }
}
