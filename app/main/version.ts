/** Shown in the status bar; kept in step with package.json by the release. */
export const CONSOLE_VERSION = '0.1.0';
