export declare function electronBinary(
  resolve?: () => unknown,
  env?: Record<string, string | undefined>,
): { binary: string; why: null } | { binary: null; why: string };
