export enum UserStatus {
  ACTIVE = 'ACTIVE',
  /** Cannot log in; existing tokens stop working at once. */
  DISABLED = 'DISABLED',
}
