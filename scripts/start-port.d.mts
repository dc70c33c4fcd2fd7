export declare const DEFAULT_CONSOLE_PORT: number;
export declare function isPortFree(port: number, host?: string): Promise<boolean>;
export declare function chooseConsolePort(
  envPort: string | undefined,
  isFree?: (port: number) => Promise<boolean>,
): Promise<{ port: number; wanted: number; note: string | null }>;
