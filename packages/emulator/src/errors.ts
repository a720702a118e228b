/**
 * An error the emulator reports to its user: a setting or an assembly it cannot use. The
 * message names the setting or resource, the rule, the value received and the fix.
 */
export class EmulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorError';
  }
}
