import type { ContractError, ContractIssue } from '../shared/contract';

/**
 * An error the operator caused (wrong password, bad field, not allowed). Thrown inside main so a
 * transaction rolls back, and turned into a ContractError value at the backend's door; anything
 * else that escapes a handler is a bug and answers 'internal'.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly issues?: ContractIssue[],
  ) {
    super(message);
    this.name = 'UserError';
  }

  toContractError(): ContractError {
    return this.issues === undefined
      ? { code: this.code, message: this.message, messageZh: this.messageZh }
      : { code: this.code, message: this.message, messageZh: this.messageZh, issues: this.issues };
  }
}
